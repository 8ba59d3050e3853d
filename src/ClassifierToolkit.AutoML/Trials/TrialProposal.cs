namespace ClassifierToolkit.AutoML.Trials;

/// <summary>What to try next: a configuration, and, when it re-offers a lost trial's configuration, that trial's number.</summary>
public sealed record TrialProposal(ParameterSet Parameters, int? RetryOf = null)
{
    /// <summary>Where the configuration came from when not from the tuner (a portfolio recipe, an earlier study), or null.</summary>
    internal string? Source { get; init; }
}
