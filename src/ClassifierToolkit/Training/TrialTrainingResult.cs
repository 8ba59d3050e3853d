namespace ClassifierToolkit.Training;

/// <summary>What training a trial produced.</summary>
/// <param name="ModelPath">The saved model .zip.</param>
/// <param name="History">Per-epoch metrics.</param>
public sealed record TrialTrainingResult(string ModelPath, IReadOnlyList<EpochMetrics> History);
