namespace ClassifierToolkit.Training;

/// <summary>What training a trial produced.</summary>
/// <param name="ModelPath">The saved model .zip.</param>
/// <param name="History">Per-epoch metrics.</param>
public sealed record TrialTrainingResult(string ModelPath, IReadOnlyList<EpochMetrics> History)
{
    /// <summary>Images the model was trained on (the validation split excluded), when the trainer knows it.</summary>
    public int? TrainImages { get; init; }
}
