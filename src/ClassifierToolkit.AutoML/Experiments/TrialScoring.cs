using ClassifierToolkit.AutoML.Pruning;
using ClassifierToolkit.AutoML.Trials;
using ClassifierToolkit.Pipelines;
using ClassifierToolkit.Training;

namespace ClassifierToolkit.AutoML.Experiments;

/// <summary>Turns validation metrics into scores (higher is better) for the objective a study ranks by.</summary>
internal sealed class TrialScoring(MonitoredMetric objective)
{
    public MonitoredMetric Objective { get; } = objective;

    public double Score(EpochMetrics epoch) => Objective.Score(epoch);

    public IReadOnlyList<double> Scores(TrialRecord trial) =>
        trial.History.Where(e => Objective.Value(e) is not null).Select(Score).ToList();

    /// <summary>A finished trial's score: the exported model's epoch (the best one with keepBest, else the last).</summary>
    public double? Final(IReadOnlyList<EpochMetrics> history, MonitoredMetric? keepBest)
    {
        if (history.Count == 0 || history[^1].ValAccuracy is null) return null;
        if (keepBest is not { } kept) return Score(history[^1]);
        var best = history.Aggregate((a, b) => kept.Improves(kept.Read(b), kept.Read(a), 0) ? b : a);
        return Score(best);
    }

    public IReadOnlyList<ScoredTrial> Study(IReadOnlyList<TrialRecord> trials) => trials.Select(t => new ScoredTrial(t, Scores(t))).ToList();

    /// <summary>The objective's own value for a score (loss un-negated).</summary>
    public double ObjectiveValue(double score) => Objective.FromScore(score);
}
