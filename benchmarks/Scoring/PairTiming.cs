using Benchmarks.Shared;

namespace Scoring;

/// <summary>Both paths' outputs from their warm-up run (for the agreement check) and the seconds of each timed run.</summary>
internal sealed record PairTiming<TToolkit, TMlNet>(TToolkit ToolkitOutput, TMlNet MlNetOutput, IReadOnlyList<double> ToolkitSeconds, IReadOnlyList<double> MlNetSeconds)
{
    public double ToolkitMedian => Percentiles.Median(ToolkitSeconds);
    public double MlNetMedian => Percentiles.Median(MlNetSeconds);
}
