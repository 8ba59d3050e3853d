namespace ClassifierToolkit.AutoML.Pruning;

/// <summary>
/// Stops poor trials early from their per-epoch validation scores (ASHA, median, none). Holds no state of its own:
/// everything it compares against comes from the store, so it works across resumed runs and worker processes.
/// </summary>
internal interface ITrialPruner
{
    /// <summary>Continue or stop the trial in <paramref name="report"/>.</summary>
    TrialDecision Decide(TrialReport report);
}
