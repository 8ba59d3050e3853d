using ClassifierToolkit.Onnx;
using ClassifierToolkit.Pipelines;
using ClassifierToolkit.Torch.Export;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ClassifierToolkit.Torch.Models.ResNet;

/// <summary>
/// ResNet: a stem (conv (no bias) → BN → act, then for the ImageNet stem a max-pool), stages of residual blocks, global
/// average pooling and a linear classifier, shaped by a <see cref="ResNetLayout"/>. Global pooling makes it work for any
/// input size and channel count. Parameter and buffer names are torchvision's (<c>conv1</c>, <c>bn1</c>,
/// <c>layer1.0.conv1</c>, <c>layer2.0.downsample.0</c>, ..., <c>fc</c>), so torchvision's and timm's checkpoints of the
/// ImageNet layouts load by name.
/// </summary>
internal sealed class ResNet : ImageClassifierModule
{
    /// <summary>The setting that multiplies every stage's width (whole number, default 1); CIFAR layouts only.</summary>
    public const string WidthSetting = "width";

    /// <summary>The buffer a layout with <see cref="ResNetLayout.InputOffset"/> subtracts from its input, [1, C, H, W].</summary>
    public const string InputOffsetName = "input_offset";

    private const int PoolKernel = 3, PoolStride = 2, PoolPadding = 1;

    private readonly Conv2d conv1;
    private readonly BatchNorm2d bn1;
    private readonly MaxPool2d? maxpool;
    // One field per stage so RegisterComponents names them layer1..layer4 in torchvision's order (stem, stages, fc);
    // layouts with fewer stages leave the rest null, which registers nothing. _stages is the same list for iteration.
    private readonly ModuleList<ResidualBlock> layer1;
    private readonly ModuleList<ResidualBlock>? layer2;
    private readonly ModuleList<ResidualBlock>? layer3;
    private readonly ModuleList<ResidualBlock>? layer4;
    private readonly Linear fc;
    private readonly nn.Module<Tensor, Tensor> act;
    private readonly ModuleList<ResidualBlock>[] _stages;
    private readonly Activation _activation;

    /// <summary>Builds the ResNet registered as <paramref name="modelName"/> with <paramref name="layout"/>.</summary>
    /// <exception cref="ArgumentException">An unknown setting, or a width multiplier below 1.</exception>
    public ResNet(string modelName, ResNetLayout layout, ModelOptions options) : base(nameof(ResNet))
    {
        layout.Validate();
        var multiplier = WidthMultiplier(modelName, layout, options.SettingsOrEmpty);
        _activation = options.Activation;

        var widths = layout.Widths.Select(w => (long)w * multiplier).ToArray();
        conv1 = layout.Stem == ResNetStem.ImageNet
            ? nn.Conv2d(options.Input.Channels, widths[0], 7, stride: 2, padding: 3, bias: false)
            : nn.Conv2d(options.Input.Channels, widths[0], 3, padding: 1, bias: false);
        bn1 = nn.BatchNorm2d(widths[0]);
        if (layout.Stem == ResNetStem.ImageNet) maxpool = nn.MaxPool2d(PoolKernel, PoolStride, PoolPadding);
        _stages = new ModuleList<ResidualBlock>[layout.StageCount];
        var channels = widths[0];
        for (int s = 0; s < layout.StageCount; s++)
        {
            var blocks = new ResidualBlock[layout.Blocks[s]];
            for (int b = 0; b < blocks.Length; b++)
            {
                blocks[b] = ResidualBlock.Create(layout.Block, channels, widths[s], b == 0 ? layout.Strides[s] : 1, options.Activation);
                channels = blocks[b].OutChannels;
            }
            _stages[s] = nn.ModuleList(blocks);
        }
        layer1 = _stages[0];
        layer2 = _stages.ElementAtOrDefault(1);
        layer3 = _stages.ElementAtOrDefault(2);
        layer4 = _stages.ElementAtOrDefault(3);
        fc = nn.Linear(channels, options.ClassCount);
        act = ActivationLayers.Create(options.Activation);
        // Registered by hand, not as a field, so it is a buffer (saved, moved, never trained) ahead of the layers.
        if (layout.InputOffset)
            register_buffer(InputOffsetName, zeros(1, options.Input.Channels, options.Input.Height, options.Input.Width));
        RegisterComponents();
        InitializeWeights();
    }

    /// <inheritdoc />
    public override string HeadName => nameof(fc);

    /// <inheritdoc />
    public override bool TrainsFasterChannelsLast => true;

    /// <inheritdoc />
    protected override Linear Head => fc;

    /// <inheritdoc />
    public override Tensor ForwardFeatures(Tensor input)
    {
        if (InputOffset is { } offset) input = input - offset;
        var x = act.forward(bn1.forward(conv1.forward(input)));
        if (maxpool is not null) x = maxpool.forward(x);
        foreach (var stage in _stages)
            foreach (var block in stage)
                x = block.forward(x);
        return x.mean([2, 3]);
    }

    /// <inheritdoc />
    public override string ExportFeaturesOnnx(OnnxGraphBuilder graph, string input)
    {
        if (InputOffset is { } offset)
            input = graph.AddNode("Sub", [input, OnnxLayers.Initializer(graph, InputOffsetName, offset)], graph.Unique("offset_input"));
        var x = OnnxLayers.Activation(graph, _activation, "act1",
            OnnxLayers.BatchNorm2d(graph, bn1, "bn1", OnnxLayers.Conv2d(graph, conv1, "conv1", input)));
        if (maxpool is not null) x = OnnxLayers.MaxPool(graph, PoolKernel, nameof(maxpool), x, PoolStride, PoolPadding);
        for (int s = 0; s < _stages.Length; s++)
            for (int b = 0; b < _stages[s].Count; b++)
                x = _stages[s][b].ExportOnnx(graph, $"layer{s + 1}.{b}", x);
        return OnnxLayers.Flatten(graph, "flatten", OnnxLayers.GlobalAveragePool(graph, "avgpool", x));
    }

    private Tensor? InputOffset => named_buffers(recurse: false).Where(b => b.name == InputOffsetName).Select(b => b.buffer).FirstOrDefault();

    // The ImageNet layouts exist to exchange weights with torchvision and timm, whose tensor shapes a multiplier would
    // break, so only the CIFAR layouts take one; every other setting is refused by name.
    private static int WidthMultiplier(string modelName, ResNetLayout layout, ModelSettings settings)
    {
        if (layout.Stem != ResNetStem.Cifar)
        {
            settings.EnsureOnly(modelName);
            return 1;
        }
        settings.EnsureOnly(modelName, WidthSetting);
        return settings.Int(WidthSetting, 1);
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
