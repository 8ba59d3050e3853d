using System.Diagnostics;

namespace ServeLoad;

/// <summary>Every request of one load run, with the run's start and end, and the first few error messages.</summary>
internal sealed record LoadResult(RequestRecord[] Requests, long Start, long End, IReadOnlyList<string> FirstErrors)
{
    public TimeSpan Elapsed => Stopwatch.GetElapsedTime(Start, End);
    public double RequestsPerSecond => Requests.Length / Elapsed.TotalSeconds;
    public int Errors => Requests.Count(r => !r.Succeeded);

    /// <summary>Latency percentiles of all requests, failed ones included (their count is reported beside them).</summary>
    public LatencySummary Latencies() => LatencySummary.Of(Requests);
}
