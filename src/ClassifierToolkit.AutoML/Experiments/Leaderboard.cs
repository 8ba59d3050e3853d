using ClassifierToolkit.AutoML.Storage;
using ClassifierToolkit.AutoML.Trials;
using ClassifierToolkit.Pipelines;

namespace ClassifierToolkit.AutoML.Experiments;

/// <summary>
/// A study's trials ranked best first: complete trials by score, then pruned ones by score, then running, cancelled and
/// failed ones by number. Reports in every format are written from this one ordering.
/// </summary>
internal sealed class Leaderboard
{
    // Where each state's trials go in the table, top to bottom.
    private static readonly TrialState[] StateOrder = [TrialState.Complete, TrialState.Pruned, TrialState.Running, TrialState.Cancelled, TrialState.Failed, TrialState.Lost];

    private readonly MonitoredMetric _objective;

    /// <exception cref="ArgumentException"><paramref name="objectiveName"/> is not a monitored metric.</exception>
    public Leaderboard(IReadOnlyList<TrialRecord> trials, string objectiveName)
    {
        _objective = SpecEnum<MonitoredMetric>.TryParse(objectiveName) ?? throw new ArgumentException(
            $"Unknown objective '{objectiveName}'; expected one of {string.Join(", ", SpecEnum<MonitoredMetric>.Names)} (the study's objective).",
            nameof(objectiveName));
        ObjectiveName = objectiveName;
        Trials = trials;
        Rows = trials
            .OrderBy(t => Array.IndexOf(StateOrder, t.State))
            .ThenByDescending(t => t.State is TrialState.Complete or TrialState.Pruned ? t.Score ?? double.NegativeInfinity : 0)
            .ThenBy(t => t.Number)
            .Select((t, i) => new LeaderboardRow(i + 1, t, Objective(t.Score), t.BestValAccuracy()))
            .ToList();
        ParameterPaths = trials.SelectMany(t => t.Parameters.Keys).Distinct().Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>The objective's name as the study spells it (<c>valLoss</c>, <c>valAccuracy</c>).</summary>
    public string ObjectiveName { get; }
    /// <summary>The trials as given.</summary>
    public IReadOnlyList<TrialRecord> Trials { get; }
    /// <summary>One row per trial, best first.</summary>
    public IReadOnlyList<LeaderboardRow> Rows { get; }
    /// <summary>Every parameter path any trial set, sorted (conditional parameters are absent from some trials).</summary>
    public IReadOnlyList<string> ParameterPaths { get; }

    /// <summary>The best scored trial (complete before pruned), or null when no trial has a score.</summary>
    public LeaderboardRow? Best => Rows.FirstOrDefault(r => r.Objective is not null && r.Trial.State is TrialState.Complete or TrialState.Pruned);

    /// <summary>How many trials are in <paramref name="state"/>.</summary>
    public int Count(TrialState state) => Trials.Count(t => t.State == state);

    /// <summary>The search's best trial: the complete one with the highest score, the earlier on a tie; null when none is complete.</summary>
    public static TrialRecord? BestComplete(IEnumerable<TrialRecord> trials) =>
        trials.Where(t => t.State == TrialState.Complete && t.Score is not null).OrderByDescending(t => t.Score).ThenBy(t => t.Number).FirstOrDefault();

    /// <summary>The name a state is written with (as in the store).</summary>
    public static string StateName(TrialState state) => StoreContract.StateName(state);

    // Scores are higher-is-better; a loss objective is stored negated.
    private double? Objective(double? score) => score is { } s ? _objective.FromScore(s) : null;
}
