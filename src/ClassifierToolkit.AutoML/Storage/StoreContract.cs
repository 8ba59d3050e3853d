using System.Globalization;
using ClassifierToolkit.AutoML.Trials;

namespace ClassifierToolkit.AutoML.Storage;

/// <summary>The rules and messages every <see cref="IExperimentStore"/> implementation shares, so they agree to the letter.</summary>
internal static class StoreContract
{
    /// <summary>The reason written beside <see cref="TrialState.Lost"/>; stores written before that state held it with <c>failed</c>.</summary>
    public const string WorkerLost = "worker lost";

    /// <summary>The outcome of a trial whose worker is gone.</summary>
    public static TrialOutcome Lost { get; } = new(TrialState.Lost, null, WorkerLost);

    public static InvalidOperationException NoSuchStudy(string study) =>
        new($"No study '{study}' in this store. Create it first (CreateStudyAsync), or check the study name.");

    public static InvalidOperationException NoSuchTrial(string study, int trial) =>
        new($"Study '{study}' has no trial {trial}. Start it first (StartTrialAsync), or check the trial number.");

    public static void ValidateOutcome(TrialOutcome outcome, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(outcome, parameterName);
        if (outcome.State == TrialState.Running)
        {
            throw new ArgumentException($"A trial's outcome must be a final state ({string.Join(", ", FinalStates)}); got {TrialState.Running}. "
                + "While the trial runs, report progress with ReportEpochAsync or HeartbeatAsync.", parameterName);
        }
    }

    public static void ValidateHeartbeatTimeout(TimeSpan heartbeatTimeout, string parameterName)
    {
        if (heartbeatTimeout < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(parameterName, heartbeatTimeout, "The heartbeat timeout must be zero or positive, e.g. 5 minutes.");
        }
    }

    /// <summary>The running trial a store inserts for <paramref name="proposal"/>.</summary>
    public static TrialRecord NewTrial(int number, TrialProposal proposal, string worker, DateTime started) =>
        new(number, proposal.Parameters, TrialState.Running, [], null, worker, started, null, null, proposal.RetryOf) { Source = proposal.Source };

    public static void ValidateImport(IReadOnlyList<ImportedTrial> trials, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(trials, parameterName);
        if (trials.FirstOrDefault(t => t.Trial.State == TrialState.Running || t.Trial.FinishedUtc is null) is { } running)
            throw new ArgumentException($"Only finished trials can be imported; trial {running.Trial.Number} is {StateName(running.Trial.State)} (finished: {running.Trial.FinishedUtc?.ToString("u", CultureInfo.InvariantCulture) ?? "never"}).", parameterName);
    }

    /// <summary>The trials to import numbered from 1 in order, with UTC times; a retry's link to a trial of the other study is dropped.</summary>
    public static IReadOnlyList<TrialRecord> Renumber(IReadOnlyList<ImportedTrial> trials) =>
        [.. trials.Select((t, i) => t.Trial with { Number = i + 1, RetryOf = null, StartedUtc = AsUtc(t.Trial.StartedUtc)!.Value, FinishedUtc = AsUtc(t.Trial.FinishedUtc) })];

    public static void ValidateDefinition(StudyDefinition definition, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(definition, parameterName);
        if (string.IsNullOrWhiteSpace(definition.Name))
        {
            throw new ArgumentException("A study needs a name (StudyDefinition.Name is empty).", parameterName);
        }
    }

    /// <summary>Throws when a study is reopened with a definition other than the stored one, naming each field that differs.</summary>
    public static void EnsureSameDefinition(StudyDefinition stored, StudyDefinition given)
    {
        if (stored == given) return;
        var differences = new List<string>();
        Compare(nameof(StudyDefinition.PipelineJson), stored.PipelineJson, given.PipelineJson, differences);
        Compare(nameof(StudyDefinition.Tuner), stored.Tuner, given.Tuner, differences);
        Compare(nameof(StudyDefinition.Pruner), stored.Pruner, given.Pruner, differences);
        Compare(nameof(StudyDefinition.Seed), stored.Seed.ToString(CultureInfo.InvariantCulture), given.Seed.ToString(CultureInfo.InvariantCulture), differences);
        Compare(nameof(StudyDefinition.Objective), stored.Objective, given.Objective, differences);
        Compare(nameof(StudyDefinition.StartingPoints), stored.StartingPoints ?? "none", given.StartingPoints ?? "none", differences);
        throw new InvalidOperationException($"Study '{stored.Name}' already exists with a different definition: {string.Join("; ", differences)}. "
            + "Resume it with the same settings, or start a new study under another name.");
    }

    /// <summary>Deadlines are UTC by contract; a local time is converted, an unspecified one is taken as UTC.</summary>
    public static DateTime? AsUtc(DateTime? time) => time switch
    {
        null => null,
        { Kind: DateTimeKind.Local } local => local.ToUniversalTime(),
        { } other => DateTime.SpecifyKind(other, DateTimeKind.Utc),
    };

    /// <summary>The store's name for a state (lower case, as written to the databases).</summary>
    public static string StateName(TrialState state) => state.ToString().ToLowerInvariant();

    /// <summary>The state a store's row holds; a <c>failed</c> row with <see cref="WorkerLost"/> as its reason (written before
    /// <see cref="TrialState.Lost"/> existed) is read as lost.</summary>
    public static TrialState ParseState(string name, string? reason) =>
        Enum.TryParse<TrialState>(name, ignoreCase: true, out var state) && Enum.IsDefined(state)
            ? state == TrialState.Failed && reason == WorkerLost ? TrialState.Lost : state
            : throw new InvalidOperationException($"The store holds a trial in unknown state '{name}'; expected one of {string.Join(", ", Enum.GetNames<TrialState>())}.");

    private static IEnumerable<TrialState> FinalStates => Enum.GetValues<TrialState>().Where(s => s != TrialState.Running);

    private static void Compare(string field, string stored, string given, List<string> differences)
    {
        if (string.Equals(stored, given, StringComparison.Ordinal)) return;
        const int shown = 60;
        if (stored.Length <= shown && given.Length <= shown)
        {
            differences.Add($"{field} is '{stored}' in the store but '{given}' now");
            return;
        }
        var at = 0;
        while (at < stored.Length && at < given.Length && stored[at] == given[at]) at++;
        differences.Add($"{field} differs from character {at} on (stored {stored.Length} characters, given {given.Length})");
    }
}
