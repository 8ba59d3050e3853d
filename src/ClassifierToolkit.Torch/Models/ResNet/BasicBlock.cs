using ClassifierToolkit.Pipelines;
using ClassifierToolkit.Torch.Export;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ClassifierToolkit.Torch.Models.ResNet;

/// <summary>
/// ResNet's basic block: 3×3 conv → BN → act → 3×3 conv → BN, plus the shortcut (identity, or 1×1 conv + BN where the
/// stride or width changes), then act. Submodules carry torchvision's names (<c>conv1</c>, <c>bn1</c>, <c>conv2</c>,
/// <c>bn2</c>, <c>downsample.0</c>, <c>downsample.1</c>).
/// </summary>
public sealed class BasicBlock : nn.Module<Tensor, Tensor>
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

    /// <summary>A block from <paramref name="inChannels"/> to <paramref name="outChannels"/> with the given first stride.</summary>
    public BasicBlock(long inChannels, long outChannels, long stride, Activation activation) : base(nameof(BasicBlock))
    {
        _activation = activation;
        conv1 = nn.Conv2d(inChannels, outChannels, 3, stride: stride, padding: 1, bias: false);
        bn1 = nn.BatchNorm2d(outChannels);
        conv2 = nn.Conv2d(outChannels, outChannels, 3, padding: 1, bias: false);
        bn2 = nn.BatchNorm2d(outChannels);
        if (stride != 1 || inChannels != outChannels)
        {
            _projection = new Projection(nn.Conv2d(inChannels, outChannels, 1, stride: stride, bias: false), nn.BatchNorm2d(outChannels));
            downsample = nn.Sequential(_projection.Conv, _projection.Norm);
        }
        act = ActivationLayers.Create(activation);
        RegisterComponents();
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        var x = act.forward(bn1.forward(conv1.forward(input)));
        x = bn2.forward(conv2.forward(x));
        var shortcut = downsample is null ? input : downsample.forward(input);
        return act.forward(x.add_(shortcut));
    }

    /// <summary>Emits the block's nodes under <paramref name="name"/> (its parameter-name prefix, e.g. <c>layer1.0</c>).</summary>
    public string ExportOnnx(OnnxGraphBuilder graph, string name, string input)
    {
        var x = OnnxLayers.Activation(graph, _activation, $"{name}.act1",
            OnnxLayers.BatchNorm2d(graph, bn1, $"{name}.bn1", OnnxLayers.Conv2d(graph, conv1, $"{name}.conv1", input)));
        x = OnnxLayers.BatchNorm2d(graph, bn2, $"{name}.bn2", OnnxLayers.Conv2d(graph, conv2, $"{name}.conv2", x));
        var shortcut = _projection is null
            ? input
            : OnnxLayers.BatchNorm2d(graph, _projection.Norm, $"{name}.downsample.1", OnnxLayers.Conv2d(graph, _projection.Conv, $"{name}.downsample.0", input));
        return OnnxLayers.Activation(graph, _activation, $"{name}.act2", OnnxLayers.Add(graph, $"{name}.residual", x, shortcut));
    }

    private sealed record Projection(Conv2d Conv, BatchNorm2d Norm);
}
