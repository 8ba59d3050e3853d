using ClassifierToolkit.Onnx;
using ClassifierToolkit.Torch.Export;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ClassifierToolkit.Torch.Models.ResNet;

/// <summary>
/// The shortcut of a block whose stride or width changes: 1×1 conv (no bias) + BN, registered by the block as torchvision's
/// <c>downsample</c> (so its tensors are <c>downsample.0.weight</c>, <c>downsample.1.running_mean</c>, ...). The record is a
/// typed view for export; the <see cref="Sequential"/> from <see cref="AsModule"/> is what the block registers.
/// </summary>
internal sealed record Projection(Conv2d Conv, BatchNorm2d Norm)
{
    /// <summary>The projection a block from <paramref name="inChannels"/> to <paramref name="outChannels"/> needs, or null when the identity fits.</summary>
    public static Projection? IfNeeded(long inChannels, long outChannels, long stride) =>
        stride == 1 && inChannels == outChannels
            ? null
            : new Projection(nn.Conv2d(inChannels, outChannels, 1, stride: stride, bias: false), nn.BatchNorm2d(outChannels));

    /// <summary>Conv then BN as one module, named <c>0</c> and <c>1</c> inside it as torchvision's are.</summary>
    public Sequential AsModule() => nn.Sequential(Conv, Norm);

    /// <summary>Emits the projection under <paramref name="name"/> (the block's <c>downsample</c> prefix).</summary>
    public string ExportOnnx(OnnxGraphBuilder graph, string name, string input) =>
        OnnxLayers.BatchNorm2d(graph, Norm, $"{name}.1", OnnxLayers.Conv2d(graph, Conv, $"{name}.0", input));
}
