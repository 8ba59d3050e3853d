namespace ClassifierToolkit.Training;

/// <summary>What one epoch achieved; validation values are null when there is no validation set.</summary>
/// <param name="Epoch">1-based epoch number.</param>
/// <param name="TrainLoss">Mean training loss over the epoch's batches.</param>
/// <param name="ValLoss">Mean validation loss.</param>
/// <param name="ValAccuracy">Validation accuracy in [0, 1].</param>
/// <param name="Seconds">Wall time of the epoch, validation included.</param>
/// <param name="LearningRate">Learning rate at the epoch's end.</param>
/// <param name="TrainSeconds">Wall time of the epoch's training batches alone (without validation).</param>
public sealed record EpochMetrics(int Epoch, double TrainLoss, double? ValLoss, double? ValAccuracy, double Seconds, double LearningRate,
    double? TrainSeconds = null);
