using ClassifierToolkit.Onnx;
using ClassifierToolkit.Pipelines;
using ClassifierToolkit.Torch.Export;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ClassifierToolkit.Torch.Models.Cnn;

/// <summary>
/// The seed study's CNN: conv 32 → pool → conv 64 → pool → FC 128 → FC classes, with the activation
/// actually applied (the seed hard-coded ReLU). 421,642 parameters for 28×28 grey input and 10 classes.
/// </summary>
internal sealed class SeedCnn : ImageClassifierModule
{
    private readonly Conv2d conv1;
    private readonly Conv2d conv2;
    private readonly Linear fc1;
    private readonly Linear fc2;
    private readonly nn.Module<Tensor, Tensor> act;
    private readonly MaxPool2d pool;
    private readonly Activation _activation;

    /// <summary>Builds the network for <paramref name="options"/>; input sides must be divisible by 4.</summary>
    public SeedCnn(ModelOptions options) : base(nameof(SeedCnn))
    {
        options.SettingsOrEmpty.EnsureOnly("cnn");
        var input = options.Input;
        if (input.Height % 4 != 0 || input.Width % 4 != 0)
            throw new ArgumentException($"The seed CNN pools twice by 2, so input height and width must be multiples of 4; got {input.Height}×{input.Width}.", nameof(options));
        _activation = options.Activation;
        conv1 = nn.Conv2d(input.Channels, 32, 3, padding: 1);
        conv2 = nn.Conv2d(32, 64, 3, padding: 1);
        fc1 = nn.Linear(64 * (input.Height / 4) * (input.Width / 4), 128);
        fc2 = nn.Linear(128, options.ClassCount);
        act = ActivationLayers.Create(options.Activation);
        pool = nn.MaxPool2d(2);
        RegisterComponents();
    }

    /// <inheritdoc />
    public override string HeadName => nameof(fc2);

    /// <inheritdoc />
    public override bool TrainsFasterChannelsLast => true;

    /// <inheritdoc />
    protected override Linear Head => fc2;

    /// <inheritdoc />
    public override Tensor ForwardFeatures(Tensor input)
    {
        var x = pool.forward(act.forward(conv1.forward(input)));
        x = pool.forward(act.forward(conv2.forward(x)));
        return act.forward(fc1.forward(x.flatten(1)));
    }

    /// <inheritdoc />
    public override string ExportFeaturesOnnx(OnnxGraphBuilder graph, string input)
    {
        var x = OnnxLayers.MaxPool(graph, 2, "pool1", OnnxLayers.Activation(graph, _activation, "act1", OnnxLayers.Conv2d(graph, conv1, "conv1", input)));
        x = OnnxLayers.MaxPool(graph, 2, "pool2", OnnxLayers.Activation(graph, _activation, "act2", OnnxLayers.Conv2d(graph, conv2, "conv2", x)));
        return OnnxLayers.Activation(graph, _activation, "act3", OnnxLayers.Linear(graph, fc1, "fc1", OnnxLayers.Flatten(graph, "flatten", x)));
    }
}
