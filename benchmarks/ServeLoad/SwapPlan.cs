namespace ServeLoad;

/// <summary>What to swap under load: after <paramref name="After"/> finished requests, <paramref name="From"/>'s bytes replace the served <paramref name="To"/>.</summary>
internal sealed record SwapPlan(int After, string From, string To);
