using Benchmarks.Shared;

namespace MlNetAnchor;

/// <summary>What <see cref="EngineTiming.Run"/> measured: per-file times (sorted) and predictions (null where it failed).</summary>
internal sealed record EngineResult(IReadOnlyList<ImageRow> Rows, IReadOnlyList<string?> Predicted, IReadOnlyList<double> SortedMs, IReadOnlyList<string> Failures)
{
    /// <summary>Mean milliseconds per predicted file.</summary>
    public double MeanMs => SortedMs.Count == 0 ? double.NaN : SortedMs.Average();
    /// <summary>A percentile (0–100) of the per-file milliseconds.</summary>
    public double PercentileMs(double percent) => Percentiles.Of(SortedMs, percent);
    /// <summary>Correct predictions over the files predicted.</summary>
    public double Accuracy => Rows.Count == Failures.Count ? double.NaN : (double)Correct / (Rows.Count - Failures.Count);
    /// <summary>How many predictions equal the file's class.</summary>
    public int Correct => Rows.Zip(Predicted).Count(p => p.First.Label == p.Second);
}
