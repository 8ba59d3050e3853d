using ClassifierToolkit.Pipelines;
using ClassifierToolkit.Torch.Devices;
using ClassifierToolkit.Torch.Models;
using ClassifierToolkit.Torch.Training;

namespace ClassifierToolkit.Torch.Experiments;

/// <summary>Maps a pipeline file's model and training sections onto <see cref="ImageClassifierTrainer.Options"/>.</summary>
public static class PipelineTrainerOptions
{
    /// <summary>Trainer options for <paramref name="spec"/>; the caller adds data, callbacks and cancellation.</summary>
    public static ImageClassifierTrainer.Options From(PipelineSpec spec) => new()
    {
        ModelName = spec.Model.Name,
        Activation = spec.Model.Activation == "leaky_relu" ? Activation.LeakyRelu : Activation.Relu,
        Optimizer = spec.Training.Optimizer == "sgd" ? OptimizerKind.Sgd : OptimizerKind.Adam,
        LearningRate = spec.Training.LearningRate,
        Momentum = spec.Training.Momentum,
        BatchSize = spec.Training.BatchSize,
        MaxEpochs = spec.Training.Epochs,
        Seed = spec.Training.Seed,
        Device = TorchDevices.Parse(spec.Training.Device),
        Mean = spec.Input.Mean.ToArray(),
        Std = spec.Input.Std.ToArray(),
    };
}
