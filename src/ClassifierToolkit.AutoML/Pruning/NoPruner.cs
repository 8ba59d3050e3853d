namespace ClassifierToolkit.AutoML.Pruning;

/// <summary>Never stops a trial: every trial trains all its epochs.</summary>
internal sealed class NoPruner : ITrialPruner
{
    /// <inheritdoc />
    public TrialDecision Decide(TrialReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return TrialDecision.Continue;
    }
}
