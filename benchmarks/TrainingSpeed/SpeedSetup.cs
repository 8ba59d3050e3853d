using System.Diagnostics;
using ClassifierToolkit.Data;
using ClassifierToolkit.Pipelines;
using ClassifierToolkit.Preprocessing;
using ClassifierToolkit.Torch.Export;
using ClassifierToolkit.Torch.Models;
using ClassifierToolkit.Torch.Models.Registry;
using ClassifierToolkit.Torch.Training;
using static TorchSharp.torch;

namespace TrainingSpeed;

/// <summary>What every round shares: the Fashion-MNIST images as [0, 1] tensors, the model name and the batch size.</summary>
internal sealed record SpeedSetup(string Model, int BatchSize, Tensor Pixels, Tensor Labels, InputShape Shape)
{
    private const int Seed = 99;

    public int Count => (int)Labels.shape[0];

    /// <summary>The first <paramref name="images"/> training images; with <paramref name="size"/> or <paramref name="channels"/>,
    /// stretched to size × size and repeated over the channels (the shape ImageNet models train on, e.g. 224 and 3).</summary>
    public static SpeedSetup Create(string model, int images, int batchSize, int? threads, int? size = null, int channels = 1)
    {
        if (threads is int count) set_num_threads(count);
        var data = FashionMnist.Load(DataSplitKind.Train, limit: images);
        var pixels = tensor(data.Pixels, [data.Count, 1, data.Height, data.Width]).to(float32).div_(255);
        if (size is int side) pixels = nn.functional.interpolate(pixels, [side, side], mode: InterpolationMode.Bilinear, align_corners: false);
        if (channels > 1) pixels = pixels.expand(-1, channels, -1, -1).contiguous();
        var labels = tensor(data.Labels.Select(l => (long)l).ToArray());
        var (height, width) = ((int)pixels.shape[2], (int)pixels.shape[3]);
        Console.WriteLine($"{Environment.ProcessorCount} cores, {get_num_threads()} torch threads, model {model}, {data.Count:N0} images of {channels}×{height}×{width} per round, batch {batchSize}");
        return new SpeedSetup(model, batchSize, pixels, labels,
            new InputShape(channels, height, width, Enumerable.Repeat(0.5f, channels).ToList(), Enumerable.Repeat(0.5f, channels).ToList()));
    }

    /// <summary>A freshly initialized model, the same weights every call.</summary>
    public ImageClassifierModule NewModel() => SeededModelFactory.Create(Model, ModelOptions.From(new ModelSpec { Name = Model }, 10, Shape), Seed);

    /// <summary>One epoch of <paramref name="recipe"/> in the toolkit's loop on a fresh model: its seconds and train loss.</summary>
    public (double Seconds, double Loss) TrainOneEpoch(TrainingSpec recipe)
    {
        using var model = NewModel();
        using var normalization = new InputNormalization(Shape, CPU);
        using var data = new TensorDataset(Pixels.alias(), Labels.alias());
        var clock = Stopwatch.StartNew();
        var history = new TrainingLoop(recipe).Fit(model, normalization, data, null, CPU);
        return (clock.Elapsed.TotalSeconds, history[^1].TrainLoss);
    }

    /// <summary>The seed recipe (Adam, lr 0.001, constant) for one epoch at this batch size.</summary>
    public TrainingSpec Recipe => new() { Epochs = 1, BatchSize = BatchSize, Optimizer = OptimizerKind.Adam, LearningRate = 1e-3, Seed = Seed };

    /// <summary>The ResNet recipe (SGD, lr 0.1, Nesterov momentum 0.9, weight decay 5e-4), as benchmarks/pytorch_resnet.py trains.</summary>
    public TrainingSpec ResNetRecipe => Recipe with { Optimizer = OptimizerKind.Sgd, LearningRate = 0.1, Momentum = 0.9, Nesterov = true, WeightDecay = 5e-4 };
}
