namespace ServeLoad;

/// <summary>One request: when it started and ended (<see cref="System.Diagnostics.Stopwatch"/> timestamps) and whether it succeeded.</summary>
internal readonly record struct RequestRecord(long Begin, long End, bool Succeeded)
{
    public double LatencyMs => System.Diagnostics.Stopwatch.GetElapsedTime(Begin, End).TotalMilliseconds;

    /// <summary>Whether the request was in flight at any moment between two timestamps.</summary>
    public bool Overlaps(long from, long to) => Begin <= to && End >= from;
}
