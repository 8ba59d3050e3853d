using ClassifierToolkit.Pipelines;
using ClassifierToolkit.Torch.Export;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ClassifierToolkit.Torch.Models.ResNet;

/// <summary>
/// CIFAR-style ResNet for small images: 3×3 stem conv (no bias) → BN → act, no max-pool, stages of
/// <see cref="BasicBlock"/>s, global average pooling and a linear classifier. Global pooling makes it work for any input
/// size and channel count. Parameter names follow torchvision (<c>conv1</c>, <c>bn1</c>, <c>layer1.0.conv1</c>, ..., <c>fc</c>),
/// so checkpoints can be exchanged with PyTorch.
/// </summary>
public sealed class ResNet : ImageClassifierModule
{
    /// <summary>The setting that multiplies every stage's width (whole number, default 1).</summary>
    public const string WidthSetting = "width";

    private readonly Conv2d conv1;
    private readonly BatchNorm2d bn1;
    // One field per stage so RegisterComponents names them layer1..layer4 in torchvision's order (stem, stages, fc);
    // layouts with fewer stages leave the rest null, which registers nothing. _stages is the same list for iteration.
    private readonly ModuleList<BasicBlock> layer1;
    private readonly ModuleList<BasicBlock>? layer2;
    private readonly ModuleList<BasicBlock>? layer3;
    private readonly ModuleList<BasicBlock>? layer4;
    private readonly Linear fc;
    private readonly nn.Module<Tensor, Tensor> act;
    private readonly ModuleList<BasicBlock>[] _stages;
    private readonly Activation _activation;

    /// <summary>Builds the ResNet registered as <paramref name="modelName"/> with <paramref name="layout"/>.</summary>
    /// <exception cref="ArgumentException">An unknown setting, or a width multiplier below 1.</exception>
    public ResNet(string modelName, ResNetLayout layout, ModelOptions options) : base(nameof(ResNet))
    {
        layout.Validate();
        var settings = options.SettingsOrEmpty;
        settings.EnsureOnly(modelName, WidthSetting);
        var multiplier = settings.Int(WidthSetting, 1);
        _activation = options.Activation;

        var widths = layout.Widths.Select(w => (long)w * multiplier).ToArray();
        conv1 = nn.Conv2d(options.Input.Channels, widths[0], 3, padding: 1, bias: false);
        bn1 = nn.BatchNorm2d(widths[0]);
        _stages = new ModuleList<BasicBlock>[layout.StageCount];
        var channels = widths[0];
        for (int s = 0; s < layout.StageCount; s++)
        {
            var blocks = new BasicBlock[layout.Blocks[s]];
            for (int b = 0; b < blocks.Length; b++)
            {
                blocks[b] = new BasicBlock(channels, widths[s], b == 0 ? layout.Strides[s] : 1, options.Activation);
                channels = widths[s];
            }
            _stages[s] = nn.ModuleList(blocks);
        }
        layer1 = _stages[0];
        layer2 = _stages.ElementAtOrDefault(1);
        layer3 = _stages.ElementAtOrDefault(2);
        layer4 = _stages.ElementAtOrDefault(3);
        fc = nn.Linear(channels, options.ClassCount);
        act = ActivationLayers.Create(options.Activation);
        RegisterComponents();
        InitializeWeights();
    }

    /// <inheritdoc />
    public override string HeadName => nameof(fc);

    /// <inheritdoc />
    protected override Linear Head => fc;

    /// <inheritdoc />
    public override Tensor ForwardFeatures(Tensor input)
    {
        var x = act.forward(bn1.forward(conv1.forward(input)));
        foreach (var stage in _stages)
            foreach (var block in stage)
                x = block.forward(x);
        return x.mean([2, 3]);
    }

    /// <inheritdoc />
    public override string ExportFeaturesOnnx(OnnxGraphBuilder graph, string input)
    {
        var x = OnnxLayers.Activation(graph, _activation, "act1",
            OnnxLayers.BatchNorm2d(graph, bn1, "bn1", OnnxLayers.Conv2d(graph, conv1, "conv1", input)));
        for (int s = 0; s < _stages.Length; s++)
            for (int b = 0; b < _stages[s].Count; b++)
                x = _stages[s][b].ExportOnnx(graph, $"layer{s + 1}.{b}", x);
        return OnnxLayers.Flatten(graph, "flatten", OnnxLayers.GlobalAveragePool(graph, "avgpool", x));
    }

    // torchvision's initialization: He-normal (fan-out) convolutions; BatchNorm starts as identity (TorchSharp's default).
    private void InitializeWeights()
    {
        using var _ = no_grad();
        foreach (var module in modules())
            if (module is Conv2d conv)
                nn.init.kaiming_normal_(conv.weight!, mode: nn.init.FanInOut.FanOut, nonlinearity: nn.init.NonlinearityType.ReLU);
    }
}
