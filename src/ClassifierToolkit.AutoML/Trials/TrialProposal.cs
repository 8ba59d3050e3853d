namespace ClassifierToolkit.AutoML.Trials;

/// <summary>What to try next: a configuration, and, when it re-offers a lost trial's configuration, that trial's number.</summary>
public sealed record TrialProposal(ParameterSet Parameters, int? RetryOf = null);
