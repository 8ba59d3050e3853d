using ClassifierToolkit.Data;
using ClassifierToolkit.Training;

namespace ClassifierToolkit.Torch.Training;

/// <summary>Hooks into the training loop; every method is a no-op unless overridden.</summary>
public interface ITrainingCallback
{
    /// <summary>Once the data are read, before training, when image files were left out as unusable (each named, with the reason).</summary>
    void OnFilesSkipped(IReadOnlyList<SkippedImage> skipped) { }

    /// <summary>Once the data are read, before training, when images over <see cref="ImageSizeLimit.MaxPixels"/> are read at reduced size.</summary>
    void OnImagesReduced(IReadOnlyList<ReducedImage> reduced) { }

    /// <summary>Before the first epoch.</summary>
    void OnTrainingStart(TrainingStart start) { }

    /// <summary>After a frozen backbone's features were computed or read from the cache (bottleneck transfer, before the first epoch).</summary>
    void OnFeaturesReady(FeatureExtraction features) { }

    /// <summary>After each batch's optimizer step.</summary>
    void OnBatchEnd(BatchProgress progress) { }

    /// <summary>After each epoch, validation included (reporting only).</summary>
    void OnEpochEnd(EpochMetrics metrics) { }

    /// <summary>After each epoch, with access to the model and the right to stop training.</summary>
    void OnEpochEnd(EpochMetrics metrics, TrainingState state) => OnEpochEnd(metrics);

    /// <summary>After the last epoch (also after an early stop), before export.</summary>
    void OnTrainingEnd(TrainingState state) { }
}
