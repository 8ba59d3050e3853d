namespace ClassifierToolkit.AutoML.Scheduling;

/// <summary>Never stops a trial: every trial trains all its epochs.</summary>
public sealed class NoPruner : ITrialScheduler
{
    /// <inheritdoc />
    public TrialDecision Decide(TrialReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return TrialDecision.Continue;
    }
}
