using ClassifierToolkit.AutoML.Pruning;
using ClassifierToolkit.AutoML.Trials;
using ClassifierToolkit.Training;

namespace ClassifierToolkit.AutoML.Tests;

/// <summary>Builds trial records for tests.</summary>
internal static class TestTrials
{
    private static readonly DateTime Started = new(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>Trial <paramref name="number"/> in <paramref name="state"/> with <paramref name="score"/>, having reported <paramref name="epochs"/> epochs.</summary>
    public static TrialRecord Record(int number, ParameterSet parameters, TrialState state, double? score = null, int epochs = 0) =>
        new(number, parameters, state, [.. Enumerable.Range(1, epochs).Select(Epoch)], score, "test:1", Started,
            state == TrialState.Running ? null : Started.AddMinutes(1), state == TrialState.Failed ? "test failure" : null, null);

    /// <summary>Trial <paramref name="number"/> in <paramref name="state"/> with the per-epoch <paramref name="scores"/>.</summary>
    public static ScoredTrial Scored(int number, TrialState state, params double[] scores) =>
        new(Record(number, ParameterSet.Empty, state, state is TrialState.Complete or TrialState.Pruned && scores.Length > 0 ? scores[^1] : null, scores.Length), scores);

    /// <summary>A report for <paramref name="trial"/> (running) within <paramref name="study"/>.</summary>
    public static TrialReport Report(ScoredTrial trial, int epochs, IEnumerable<ScoredTrial> study) =>
        new(trial.Trial, trial.Scores, epochs, [.. study]);

    private static EpochMetrics Epoch(int epoch) => new(epoch, 1.0, 1.0, 0.5, 1.0, 1e-3);
}
