namespace ClassifierToolkit.AutoML.Trials;

/// <summary>How a trial ended, as a worker reports it to the store.</summary>
/// <param name="State">A final state (not <see cref="TrialState.Running"/>).</param>
/// <param name="Score">The objective (higher is better), or null when there is none.</param>
/// <param name="FailureReason">Why it failed or was cancelled.</param>
public sealed record TrialOutcome(TrialState State, double? Score, string? FailureReason = null);
