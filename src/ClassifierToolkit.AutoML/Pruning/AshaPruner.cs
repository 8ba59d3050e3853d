namespace ClassifierToolkit.AutoML.Pruning;

/// <summary>
/// Asynchronous successive halving (ASHA; Optuna's SuccessiveHalvingPruner, Ray's ASHA). Rungs sit at epochs
/// GracePeriod · ReductionFactor^k below the trial's Epochs. At a rung a trial continues only when its score there is
/// among the top 1/ReductionFactor of the scores every trial recorded at that rung (itself included, at least the best
/// one is kept, ties continue); a trial alone at a rung continues, and nothing is stopped between or after the rungs.
/// The decision reads only the report, never the order trials were told in.
/// </summary>
internal sealed class AshaPruner : ITrialPruner
{
    /// <summary>Default option values.</summary>
    public static class Defaults
    {
        /// <summary>The first rung's epoch.</summary>
        public const int GracePeriod = 1;
        /// <summary>Each rung keeps one trial in three.</summary>
        public const int ReductionFactor = 3;
    }

    /// <summary>ASHA settings.</summary>
    public sealed class Options
    {
        /// <summary>The first rung's epoch (the minimum resource), at least 1.</summary>
        public int GracePeriod { get; set; } = Defaults.GracePeriod;
        /// <summary>Rung spacing and selectivity: rungs at GracePeriod · ReductionFactor^k, each keeping the top 1/ReductionFactor; at least 2.</summary>
        public int ReductionFactor { get; set; } = Defaults.ReductionFactor;
    }

    private readonly Options _options;

    /// <summary>ASHA with the default settings.</summary>
    public AshaPruner() : this(new Options()) { }

    /// <summary>ASHA.</summary>
    /// <exception cref="ArgumentException">GracePeriod is below 1 or ReductionFactor below 2.</exception>
    public AshaPruner(Options options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.GracePeriod < 1)
            throw new ArgumentException($"GracePeriod is {options.GracePeriod}, but must be at least 1 (the epoch of the first rung).", nameof(options));
        if (options.ReductionFactor < 2)
            throw new ArgumentException($"ReductionFactor is {options.ReductionFactor}, but must be at least 2 (each rung keeps the top 1/ReductionFactor).", nameof(options));
        _options = options;
    }

    /// <summary>The rung epochs for trials of <paramref name="epochs"/> epochs: GracePeriod · ReductionFactor^k &lt; epochs.</summary>
    public IReadOnlyList<int> Rungs(int epochs)
    {
        var rungs = new List<int>();
        for (long epoch = _options.GracePeriod; epoch < epochs; epoch *= _options.ReductionFactor) rungs.Add((int)epoch);
        return rungs;
    }

    /// <inheritdoc />
    public TrialDecision Decide(TrialReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var epoch = report.Scores.Count;
        if (!Rungs(report.Epochs).Contains(epoch)) return TrialDecision.Continue;
        var score = report.Scores[epoch - 1];
        if (!double.IsFinite(score)) return TrialDecision.Stop;
        var rung = report.Study.Where(s => s.Trial.Number != report.Trial.Number && s.Scores.Count >= epoch)
            .Select(s => s.Scores[epoch - 1]).Where(double.IsFinite).Append(score).OrderByDescending(v => v).ToList();
        var kept = Math.Max(1, rung.Count / _options.ReductionFactor);
        return score >= rung[kept - 1] ? TrialDecision.Continue : TrialDecision.Stop;
    }
}
