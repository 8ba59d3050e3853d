using ClassifierToolkit.Training;

namespace ClassifierToolkit.AutoML.Trials;

/// <summary>One trial as the store holds it: immutable; components exchange these, never their internals.</summary>
/// <param name="Number">1-based number within the study, in the order trials were started.</param>
/// <param name="Parameters">The configuration (JSON path → value).</param>
/// <param name="State">Where it stands.</param>
/// <param name="History">Per-epoch metrics reported so far (validation metrics drive pruning and selection).</param>
/// <param name="Score">The objective, higher is better: the final value for complete trials, the last reported one for pruned
/// trials, null otherwise.</param>
/// <param name="Worker">The worker that ran it (host:pid).</param>
/// <param name="StartedUtc">When it started.</param>
/// <param name="FinishedUtc">When it reached a final state, or null while running.</param>
/// <param name="FailureReason">Why it failed or was cancelled, or null.</param>
/// <param name="RetryOf">The number of the lost trial whose configuration this one retries, or null.</param>
public sealed record TrialRecord(int Number, ParameterSet Parameters, TrialState State, IReadOnlyList<EpochMetrics> History, double? Score,
    string Worker, DateTime StartedUtc, DateTime? FinishedUtc, string? FailureReason, int? RetryOf)
{
    /// <summary>Wall time from start to finish, or null while running.</summary>
    public TimeSpan? Duration => FinishedUtc - StartedUtc;
    /// <summary>True once the trial reached a final state.</summary>
    public bool IsFinished => State != TrialState.Running;
    /// <summary>Where the configuration came from when not from the tuner (see <see cref="Experiments.TrialSources"/>), or null.</summary>
    internal string? Source { get; init; }
}
