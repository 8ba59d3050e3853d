namespace Benchmarks.Shared;

/// <summary>Order statistics of timings, the same definition in every benchmark so their figures compare.</summary>
internal static class Percentiles
{
    /// <summary>The nearest-rank percentile (0–100) of <paramref name="sorted"/>, which must be sorted ascending.</summary>
    public static double Of(IReadOnlyList<double> sorted, double percent)
    {
        if (sorted.Count == 0) return double.NaN;
        // Nearest rank: the smallest value with at least percent% of the values at or below it; no interpolation,
        // so p100 is the maximum and every figure reported is a latency that was really observed.
        int rank = (int)Math.Ceiling(percent / 100 * sorted.Count);
        return sorted[Math.Clamp(rank, 1, sorted.Count) - 1];
    }

    /// <summary>The median of unsorted values (the lower middle one for an even count, again an observed value).</summary>
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? double.NaN : sorted[(sorted.Count - 1) / 2];
    }
}
