using ClassifierToolkit.Pipelines;
using ClassifierToolkit.Torch.Export;
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

    /// <summary>A <paramref name="kind"/> block reading <paramref name="inChannels"/>, of base <paramref name="width"/>, with the given first stride.</summary>
    public static ResidualBlock Create(BlockKind kind, long inChannels, long width, long stride, Activation activation) => kind switch
    {
        BlockKind.Basic => new BasicBlock(inChannels, width, stride, activation),
        BlockKind.Bottleneck => new Bottleneck(inChannels, width, stride, activation),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, $"Known blocks: {string.Join(", ", Enum.GetNames<BlockKind>())}."),
    };
}
