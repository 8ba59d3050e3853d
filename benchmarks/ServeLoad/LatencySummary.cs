using Benchmarks.Shared;

namespace ServeLoad;

/// <summary>Latency percentiles in milliseconds.</summary>
internal sealed record LatencySummary(int Count, int Errors, double P50, double P95, double P99, double Max)
{
    public static LatencySummary Of(IEnumerable<RequestRecord> requests)
    {
        var list = requests.ToList();
        var sorted = list.Select(r => r.LatencyMs).Order().ToList();
        return new LatencySummary(list.Count, list.Count(r => !r.Succeeded), Percentiles.Of(sorted, 50), Percentiles.Of(sorted, 95),
            Percentiles.Of(sorted, 99), Percentiles.Of(sorted, 100));
    }
}
