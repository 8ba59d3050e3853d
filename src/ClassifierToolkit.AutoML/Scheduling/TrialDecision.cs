namespace ClassifierToolkit.AutoML.Scheduling;

/// <summary>What a trial scheduler decides after an epoch.</summary>
public enum TrialDecision
{
    /// <summary>Train the next epoch.</summary>
    Continue,
    /// <summary>Stop now: record the trial as pruned.</summary>
    Stop,
}
