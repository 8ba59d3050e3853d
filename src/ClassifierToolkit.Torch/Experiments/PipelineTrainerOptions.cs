using ClassifierToolkit.Pipelines;
using ClassifierToolkit.Torch.Devices;
using ClassifierToolkit.Torch.Models;
using ClassifierToolkit.Torch.Training;
using ClassifierToolkit.Torch.Training.Augmentation;
using ClassifierToolkit.Torch.Training.Callbacks;
using ClassifierToolkit.Torch.Training.Schedules;

namespace ClassifierToolkit.Torch.Experiments;

/// <summary>Maps a pipeline file's model and training sections onto trainer options and callbacks.</summary>
public static class PipelineTrainerOptions
{
    /// <summary>The folder (inside a run folder) holding the resumable checkpoint.</summary>
    public const string CheckpointFolder = "checkpoint";
    /// <summary>The folder (inside a run folder) holding TensorBoard event files.</summary>
    public const string TensorBoardFolder = "tensorboard";

    /// <summary>Trainer options for <paramref name="spec"/>; the caller adds data, callbacks and cancellation.</summary>
    public static ImageClassifierTrainer.Options From(PipelineSpec spec) => new()
    {
        ModelName = spec.Model.Name,
        Activation = SpecNames.Parse<Activation>(spec.Model.Activation, ModelSpec.Activations),
        ModelSettings = new ModelSettings(spec.Model.Settings),
        Training = LoopOptions(spec.Training),
        Device = TorchDevices.Parse(spec.Training.Device),
        Mean = spec.Input.Mean.ToArray(),
        Std = spec.Input.Std.ToArray(),
    };

    /// <summary>The callbacks the training section asks for, writing into <paramref name="runFolder"/>.</summary>
    public static IReadOnlyList<ITrainingCallback> Callbacks(TrainingSpec training, string runFolder)
    {
        var callbacks = new List<ITrainingCallback>();
        if (training.KeepBest is { } keepBest) callbacks.Add(new BestWeights(Metric(keepBest)));
        if (training.EarlyStopping is { } stopping) callbacks.Add(new EarlyStopping(Metric(stopping.Metric), stopping.Patience, stopping.MinDelta));
        if (training.CheckpointEvery is { } every) callbacks.Add(new PeriodicCheckpoint(Path.Combine(runFolder, CheckpointFolder), every));
        if (training.TensorBoard) callbacks.Add(new TensorBoardLogger(Path.Combine(runFolder, TensorBoardFolder)));
        return callbacks;
    }

    private static TrainingLoopOptions LoopOptions(TrainingSpec t) => new()
    {
        Optimizer = SpecNames.Parse<OptimizerKind>(t.Optimizer, TrainingSpec.Optimizers),
        LearningRate = t.LearningRate,
        Momentum = t.Momentum,
        Nesterov = t.Nesterov,
        WeightDecay = t.WeightDecay,
        Schedule = new LearningRateSchedule
        {
            Kind = SpecNames.Parse<ScheduleKind>(t.Schedule.Kind, ScheduleSpec.Kinds),
            WarmupEpochs = t.Schedule.WarmupEpochs,
            StepEpochs = t.Schedule.StepEpochs,
            Gamma = t.Schedule.Gamma,
            MinFactor = t.Schedule.MinFactor,
        },
        LabelSmoothing = t.LabelSmoothing,
        GradientClipNorm = t.GradientClipNorm,
        Augmentation = new AugmentationOptions
        {
            CropPadding = t.Augmentation.CropPadding,
            HorizontalFlip = t.Augmentation.HorizontalFlip,
            RotationDegrees = t.Augmentation.RotationDegrees,
            ColorJitter = t.Augmentation.ColorJitter,
        },
        BatchSize = t.BatchSize,
        MaxEpochs = t.Epochs,
        Seed = t.Seed,
    };

    private static MonitoredMetric Metric(string name) => SpecNames.Parse<MonitoredMetric>(name, TrainingSpec.Metrics);
}
