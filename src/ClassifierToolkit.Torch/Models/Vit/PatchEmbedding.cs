using ClassifierToolkit.Onnx;
using ClassifierToolkit.Torch.Export;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ClassifierToolkit.Torch.Models.Vit;

/// <summary>
/// Cuts the image into non-overlapping square patches and projects each to <c>dim</c> values with one convolution
/// (kernel = stride = patch size): <c>[N, C, H, W]</c> → <c>[N, H/p · W/p, dim]</c>, patches in row-major order.
/// </summary>
internal sealed class PatchEmbedding : nn.Module<Tensor, Tensor>
{
    private readonly Conv2d proj;

    /// <summary>A patch embedding for <paramref name="channels"/>-channel images.</summary>
    public PatchEmbedding(long channels, long patchSize, long dim) : base(nameof(PatchEmbedding))
    {
        proj = nn.Conv2d(channels, dim, patchSize, stride: patchSize);
        RegisterComponents();
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor input) => proj.forward(input).flatten(2).transpose(1, 2);

    /// <summary>Emits Conv → Reshape → Transpose under <paramref name="name"/>.</summary>
    public string ExportOnnx(OnnxGraphBuilder graph, string name, string input)
    {
        var grid = OnnxLayers.Conv2d(graph, proj, $"{name}.proj", input);
        var flat = OnnxLayers.Reshape(graph, $"{name}.flatten", grid, 0, 0, -1);
        return OnnxLayers.Transpose(graph, $"{name}.tokens", flat, 0, 2, 1);
    }
}
