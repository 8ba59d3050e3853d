using ClassifierToolkit.Data;
using ClassifierToolkit.Torch.Training.Checkpoints;

namespace ClassifierToolkit.Torch.Training;

/// <summary>
/// The runtime side of one fit, kept apart from the trainer's settings (<see cref="ImageClassifierTrainer.Options"/>):
/// objects that live only while a fit runs and cannot be saved or compared.
/// </summary>
public sealed class TrainingControl
{
    /// <summary>Hooks into training: progress, early stopping, best weights, checkpoints, TensorBoard.</summary>
    public IReadOnlyList<ITrainingCallback> Callbacks { get; init; } = [];
    /// <summary>Continue an interrupted run from this checkpoint (same data and options).</summary>
    internal ResumePoint? Resume { get; init; }
    /// <summary>Stops training between batches.</summary>
    public CancellationToken CancellationToken { get; init; }
    /// <summary>Image files the data loading left out, told to the callbacks before anything trains.</summary>
    internal IReadOnlyList<SkippedImage> SkippedFiles { get; init; } = [];
    /// <summary>Images the data loading read at reduced size, told to the callbacks before anything trains.</summary>
    internal IReadOnlyList<ReducedImage> ReducedImages { get; init; } = [];

    internal static TrainingControl None { get; } = new();
}
