using ClassifierToolkit.Training;

namespace ClassifierToolkit.Torch.Training;

/// <summary>Hooks into the training loop; every method is a no-op unless overridden.</summary>
public interface ITrainingCallback
{
    /// <summary>Before the first epoch.</summary>
    void OnTrainingStart(TrainingStart start) { }

    /// <summary>After each batch's optimizer step.</summary>
    void OnBatchEnd(BatchProgress progress) { }

    /// <summary>After each epoch, validation included.</summary>
    void OnEpochEnd(EpochMetrics metrics) { }
}
