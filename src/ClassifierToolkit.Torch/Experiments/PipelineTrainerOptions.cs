using ClassifierToolkit.Pipelines;
using ClassifierToolkit.Torch.Models.Registry;
using ClassifierToolkit.Torch.Training;
using ClassifierToolkit.Torch.Training.Callbacks;

namespace ClassifierToolkit.Torch.Experiments;

/// <summary>Turns a pipeline's model and training sections into trainer options and the callbacks they ask for.</summary>
public static class PipelineTrainerOptions
{
    /// <summary>The folder (inside a run folder) holding the resumable checkpoint.</summary>
    public const string CheckpointFolder = "checkpoint";
    /// <summary>The folder (inside a run folder) holding TensorBoard event files.</summary>
    public const string TensorBoardFolder = "tensorboard";

    /// <summary>Checks everything about <paramref name="spec"/> that can be checked without data: every value, and the model name
    /// and settings against the registry.</summary>
    /// <exception cref="PipelineSpecException">Names the file and JSON path of the first problem.</exception>
    public static void Check(PipelineSpec spec)
    {
        spec.Validate();
        ModelRegistry.Default.Check(spec.Model, spec.Input.ToShape(), spec.SourceFile);
    }

    /// <summary>Trainer options for <paramref name="spec"/>; the caller adds the class names; data, callbacks and cancellation go to the fit.</summary>
    public static ImageClassifierTrainer.Options From(PipelineSpec spec) => new()
    {
        Model = spec.Model,
        Training = spec.Training,
        Mean = spec.Input.Mean.ToArray(),
        Std = spec.Input.Std.ToArray(),
        Transfer = spec.Transfer,
    };

    /// <summary>The callbacks the training section asks for that write into <paramref name="runFolder"/> (the trainer adds
    /// keep-best and early stopping itself).</summary>
    public static IReadOnlyList<ITrainingCallback> Callbacks(TrainingSpec training, string runFolder)
    {
        var callbacks = new List<ITrainingCallback>();
        if (training.CheckpointEvery is { } every) callbacks.Add(new PeriodicCheckpoint(Path.Combine(runFolder, CheckpointFolder), every));
        if (training.TensorBoard) callbacks.Add(new TensorBoardLogger(Path.Combine(runFolder, TensorBoardFolder)));
        return callbacks;
    }
}
