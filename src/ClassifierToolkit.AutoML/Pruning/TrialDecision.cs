namespace ClassifierToolkit.AutoML.Pruning;

/// <summary>What a pruner decides after an epoch.</summary>
internal enum TrialDecision
{
    /// <summary>Train the next epoch.</summary>
    Continue,
    /// <summary>Stop now: record the trial as pruned.</summary>
    Stop,
}
