using ClassifierToolkit.Onnx;
using ClassifierToolkit.Pipelines;
using ClassifierToolkit.Torch.Export;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ClassifierToolkit.Torch.Models.ResNet;

/// <summary>
/// ResNet's bottleneck block as torchvision builds it (v1.5): 1×1 conv → BN → act → 3×3 conv carrying the stride → BN →
/// act → 1×1 conv to <see cref="Expansion"/>× the width → BN, plus the shortcut (identity, or a <see cref="Projection"/>
/// where the stride or width changes), then act. Putting the stride on the 3×3 rather than the first 1×1 (the paper's v1)
/// is what torchvision's weights were trained with. Submodules carry torchvision's names (<c>conv1</c>..<c>conv3</c>,
/// <c>bn1</c>..<c>bn3</c>, <c>downsample.0</c>, <c>downsample.1</c>).
/// </summary>
internal sealed class Bottleneck : ResidualBlock
{
    /// <summary>Output channels per unit of width.</summary>
    public const int Expansion = 4;

    private readonly Conv2d conv1;
    private readonly BatchNorm2d bn1;
    private readonly Conv2d conv2;
    private readonly BatchNorm2d bn2;
    private readonly Conv2d conv3;
    private readonly BatchNorm2d bn3;
    private readonly Sequential? downsample;
    private readonly nn.Module<Tensor, Tensor> act;
    // Typed view of downsample's two layers for export; not a module, so RegisterComponents ignores it.
    private readonly Projection? _projection;
    private readonly Activation _activation;

    /// <summary>A block from <paramref name="inChannels"/> through <paramref name="width"/> to <see cref="Expansion"/>·width channels.</summary>
    public Bottleneck(long inChannels, long width, long stride, Activation activation) : base(nameof(Bottleneck))
    {
        _activation = activation;
        OutChannels = width * Expansion;
        conv1 = nn.Conv2d(inChannels, width, 1, bias: false);
        bn1 = nn.BatchNorm2d(width);
        conv2 = nn.Conv2d(width, width, 3, stride: stride, padding: 1, bias: false);
        bn2 = nn.BatchNorm2d(width);
        conv3 = nn.Conv2d(width, OutChannels, 1, bias: false);
        bn3 = nn.BatchNorm2d(OutChannels);
        _projection = Projection.IfNeeded(inChannels, OutChannels, stride);
        downsample = _projection?.AsModule();
        act = ActivationLayers.Create(activation);
        RegisterComponents();
    }

    /// <inheritdoc />
    public override long OutChannels { get; }

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        var x = act.forward(bn1.forward(conv1.forward(input)));
        x = act.forward(bn2.forward(conv2.forward(x)));
        return AddShortcut(bn3.forward(conv3.forward(x)), input, downsample, act);
    }

    /// <inheritdoc />
    public override string ExportOnnx(OnnxGraphBuilder graph, string name, string input)
    {
        var x = ExportConvBn(graph, name, 1, conv1, bn1, input, _activation);
        x = ExportConvBn(graph, name, 2, conv2, bn2, x, _activation);
        x = ExportConvBn(graph, name, 3, conv3, bn3, x, null);
        return ExportAddShortcut(graph, name, x, input, _projection, _activation, "act3");
    }
}
