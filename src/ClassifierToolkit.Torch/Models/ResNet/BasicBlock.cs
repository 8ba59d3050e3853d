using ClassifierToolkit.Onnx;
using ClassifierToolkit.Pipelines;
using ClassifierToolkit.Torch.Export;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ClassifierToolkit.Torch.Models.ResNet;

/// <summary>
/// ResNet's basic block: 3×3 conv → BN → act → 3×3 conv → BN, plus the shortcut (identity, or a <see cref="Projection"/>
/// where the stride or width changes), then act. Submodules carry torchvision's names (<c>conv1</c>, <c>bn1</c>,
/// <c>conv2</c>, <c>bn2</c>, <c>downsample.0</c>, <c>downsample.1</c>).
/// </summary>
internal sealed class BasicBlock : ResidualBlock
{
    private readonly Conv2d conv1;
    private readonly BatchNorm2d bn1;
    private readonly Conv2d conv2;
    private readonly BatchNorm2d bn2;
    private readonly Sequential? downsample;
    private readonly nn.Module<Tensor, Tensor> act;
    // Typed view of downsample's two layers for export; not a module, so RegisterComponents ignores it.
    private readonly Projection? _projection;
    private readonly Activation _activation;

    /// <summary>A block from <paramref name="inChannels"/> to <paramref name="width"/> channels with the given first stride.</summary>
    public BasicBlock(long inChannels, long width, long stride, Activation activation) : base(nameof(BasicBlock))
    {
        _activation = activation;
        OutChannels = width;
        conv1 = nn.Conv2d(inChannels, width, 3, stride: stride, padding: 1, bias: false);
        bn1 = nn.BatchNorm2d(width);
        conv2 = nn.Conv2d(width, width, 3, padding: 1, bias: false);
        bn2 = nn.BatchNorm2d(width);
        _projection = Projection.IfNeeded(inChannels, width, stride);
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
        return AddShortcut(bn2.forward(conv2.forward(x)), input, downsample, act);
    }

    /// <inheritdoc />
    public override string ExportOnnx(OnnxGraphBuilder graph, string name, string input)
    {
        var x = ExportConvBn(graph, name, 1, conv1, bn1, input, _activation);
        x = ExportConvBn(graph, name, 2, conv2, bn2, x, null);
        return ExportAddShortcut(graph, name, x, input, _projection, _activation, "act2");
    }
}
