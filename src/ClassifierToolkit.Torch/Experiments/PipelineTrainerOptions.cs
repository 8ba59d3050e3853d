using ClassifierToolkit.Pipelines;
using ClassifierToolkit.Torch.Models.Registry;
using ClassifierToolkit.Torch.Transfer.ImageNet;
using ClassifierToolkit.Torch.Training;
using ClassifierToolkit.Torch.Training.Callbacks;

namespace ClassifierToolkit.Torch.Experiments;

/// <summary>Turns a pipeline's model and training sections into trainer options and the callbacks they ask for.</summary>
internal static class PipelineTrainerOptions
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
        if (TransferSpec.IsImageNet(spec.Transfer?.Weights)) CheckImageNetInput(spec);
    }

    // The built-in weights compute ImageNet features only on the input they were trained with; anything else trains quietly worse.
    private static void CheckImageNetInput(PipelineSpec spec)
    {
        var model = ImageNetWeights.ModelName;
        if (ModelRegistry.Default.Resolve(spec.Model.Name) != model)
            throw new PipelineSpecException(spec.SourceFile, "$.model.name",
                $"transfer.weights \"{ImageNetWeights.Name}\" are the weights of '{model}', not of '{spec.Model.Name}': set model.name to \"{model}\" (see pipelines/transfer-imagenet-folder.json).");
        static string Values(IEnumerable<float> values) => "[" + string.Join(", ", values.Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture))) + "]";
        static bool Same(IReadOnlyList<float> given, IReadOnlyList<float> wanted) =>
            given.Count == wanted.Count && given.Zip(wanted).All(p => Math.Abs(p.First - p.Second) <= 1e-4f * Math.Max(1f, Math.Abs(p.Second)));
        if (spec.Input.Channels != 3)
            throw new PipelineSpecException(spec.SourceFile, "$.input.channels", $"the ImageNet weights read colour images: set input.channels to 3.");
        if (!Same(spec.Input.Mean, ImageNetWeights.Mean) || !Same(spec.Input.Std, ImageNetWeights.Std))
            throw new PipelineSpecException(spec.SourceFile, "$.input.mean",
                $"the ImageNet weights expect input.mean {Values(ImageNetWeights.Mean)} and input.std {Values(ImageNetWeights.Std)} (their pixels in 0–255 less the mean image); found {Values(spec.Input.Mean)} and {Values(spec.Input.Std)}.");
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
