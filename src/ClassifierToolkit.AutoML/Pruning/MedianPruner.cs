using ClassifierToolkit.AutoML.Trials;

namespace ClassifierToolkit.AutoML.Pruning;

/// <summary>
/// Stops a trial whose best score so far is below the median of the other trials' scores at the same epoch (Optuna's
/// MedianPruner). The others are every trial that reached that epoch, in any state but failed. Nothing is stopped at or
/// before <see cref="Options.WarmupEpochs"/>, nor before <see cref="Options.StartupTrials"/> other trials finished.
/// A trial with no finite score after the warm-up is stopped.
/// </summary>
internal sealed class MedianPruner : ITrialPruner
{
    /// <summary>Default option values.</summary>
    public static class Defaults
    {
        /// <summary>Finished (complete or pruned) trials needed before pruning starts.</summary>
        public const int StartupTrials = 3;
        /// <summary>Epochs never pruned at or before.</summary>
        public const int WarmupEpochs = 1;
    }

    /// <summary>Median pruner settings.</summary>
    public sealed class Options
    {
        /// <summary>Other trials that must have finished (complete or pruned) before any trial is stopped.</summary>
        public int StartupTrials { get; set; } = Defaults.StartupTrials;
        /// <summary>A trial is never stopped at or before this epoch.</summary>
        public int WarmupEpochs { get; set; } = Defaults.WarmupEpochs;
    }

    private readonly Options _options;

    /// <summary>A median pruner with the default settings.</summary>
    public MedianPruner() : this(new Options()) { }

    /// <summary>A median pruner.</summary>
    /// <exception cref="ArgumentException">A setting is negative; the message names it.</exception>
    public MedianPruner(Options options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.StartupTrials < 0)
            throw new ArgumentException($"StartupTrials is {options.StartupTrials}, but must be at least 0.", nameof(options));
        if (options.WarmupEpochs < 0)
            throw new ArgumentException($"WarmupEpochs is {options.WarmupEpochs}, but must be at least 0.", nameof(options));
        _options = options;
    }

    /// <inheritdoc />
    public TrialDecision Decide(TrialReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var epoch = report.Scores.Count;
        if (epoch <= _options.WarmupEpochs) return TrialDecision.Continue;
        var others = report.Study.Where(s => s.Trial.Number != report.Trial.Number && s.Trial.State is not (TrialState.Failed or TrialState.Lost)).ToList();
        if (others.Count(s => s.Trial.State is TrialState.Complete or TrialState.Pruned) < _options.StartupTrials) return TrialDecision.Continue;
        var atEpoch = others.Where(s => s.Scores.Count >= epoch).Select(s => s.Scores[epoch - 1]).Where(double.IsFinite).ToList();
        if (atEpoch.Count == 0) return TrialDecision.Continue;
        var finite = report.Scores.Where(double.IsFinite).ToList();
        if (finite.Count == 0) return TrialDecision.Stop;
        return finite.Max() < Median(atEpoch) ? TrialDecision.Stop : TrialDecision.Continue;
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        var middle = values.Count / 2;
        return values.Count % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }
}
