using ClassifierToolkit.Onnx;
using ClassifierToolkit.Pipelines;
using ClassifierToolkit.Torch.Export;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ClassifierToolkit.Torch.Models.ResNet;

/// <summary>A ResNet block: a residual branch added to a shortcut, then the activation. Stages hold any kind alike.</summary>
internal abstract class ResidualBlock : nn.Module<Tensor, Tensor>
{
    protected ResidualBlock(string name) : base(name) { }

    /// <summary>Channels the block outputs.</summary>
    public abstract long OutChannels { get; }

    /// <summary>Emits the block's nodes under <paramref name="name"/> (its parameter-name prefix, e.g. <c>layer1.0</c>).</summary>
    public abstract string ExportOnnx(OnnxGraphBuilder graph, string name, string input);

    /// <summary>The block's end, shared by every kind: the residual branch plus the shortcut (the input, or its projection), then the activation.</summary>
    protected static Tensor AddShortcut(Tensor residual, Tensor input, Sequential? downsample, nn.Module<Tensor, Tensor> act) =>
        act.forward(residual.add_(downsample is null ? input : downsample.forward(input)));

    /// <summary>The ONNX nodes of <see cref="AddShortcut"/>; <paramref name="activationName"/> names the final activation node.</summary>
    protected static string ExportAddShortcut(OnnxGraphBuilder graph, string name, string residual, string input, Projection? projection,
        Activation activation, string activationName)
    {
        var shortcut = projection is null ? input : projection.ExportOnnx(graph, $"{name}.downsample", input);
        return OnnxLayers.Activation(graph, activation, $"{name}.{activationName}", OnnxLayers.Add(graph, $"{name}.residual", residual, shortcut));
    }

    /// <summary>Conv → BatchNorm nodes named <c>{name}.conv{index}</c> and <c>{name}.bn{index}</c>, then the activation
    /// <c>{name}.act{index}</c> unless <paramref name="activation"/> is null (a branch's last layer, activated after the sum).</summary>
    protected static string ExportConvBn(OnnxGraphBuilder graph, string name, int index, Conv2d conv, BatchNorm2d norm, string input, Activation? activation)
    {
        var x = OnnxLayers.BatchNorm2d(graph, norm, $"{name}.bn{index}", OnnxLayers.Conv2d(graph, conv, $"{name}.conv{index}", input));
        return activation is { } kind ? OnnxLayers.Activation(graph, kind, $"{name}.act{index}", x) : x;
    }

    /// <summary>A <paramref name="kind"/> block reading <paramref name="inChannels"/>, of base <paramref name="width"/>, with the given first stride.</summary>
    public static ResidualBlock Create(BlockKind kind, long inChannels, long width, long stride, Activation activation) => kind switch
    {
        BlockKind.Basic => new BasicBlock(inChannels, width, stride, activation),
        BlockKind.Bottleneck => new Bottleneck(inChannels, width, stride, activation),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, $"Known blocks: {string.Join(", ", Enum.GetNames<BlockKind>())}."),
    };
}
