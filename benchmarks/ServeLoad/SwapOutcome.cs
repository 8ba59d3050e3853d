using System.Diagnostics;

namespace ServeLoad;

/// <summary>When the model file was replaced and when GET /model first reported the new file's SHA-256 (null: never, within the wait).</summary>
internal sealed record SwapOutcome(int After, long ReplacedAt, long? ServedAt, string OldSha256, string NewSha256)
{
    public bool Served => ServedAt is not null;

    /// <summary>From the file's replacement to the first GET /model answer naming the new hash.</summary>
    public TimeSpan? ServedAfter => ServedAt is { } served ? Stopwatch.GetElapsedTime(ReplacedAt, served) : null;
}
