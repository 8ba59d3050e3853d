using ClassifierToolkit.Onnx;
using ClassifierToolkit.Torch.Export;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ClassifierToolkit.Torch.Models.Vit;

/// <summary>A pre-norm transformer block: x + attn(norm1(x)), then x + mlp(norm2(x)).</summary>
internal sealed class EncoderBlock : nn.Module<Tensor, Tensor>
{
    private readonly LayerNorm norm1;
    private readonly SelfAttention attn;
    private readonly LayerNorm norm2;
    private readonly Mlp mlp;

    /// <summary>A block of width <paramref name="dim"/>.</summary>
    public EncoderBlock(long dim, long heads, long mlpDim, double dropout) : base(nameof(EncoderBlock))
    {
        norm1 = nn.LayerNorm(dim);
        attn = new SelfAttention(dim, heads, dropout);
        norm2 = nn.LayerNorm(dim);
        mlp = new Mlp(dim, mlpDim, dropout);
        RegisterComponents();
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        var x = input.add(attn.forward(norm1.forward(input)));
        return x.add(mlp.forward(norm2.forward(x)));
    }

    /// <summary>Emits the block's nodes under <paramref name="name"/> (its parameter-name prefix, e.g. <c>blocks.0</c>).</summary>
    public string ExportOnnx(OnnxGraphBuilder graph, string name, string input)
    {
        var x = OnnxLayers.Add(graph, $"{name}.residual1", input,
            attn.ExportOnnx(graph, $"{name}.attn", OnnxLayers.LayerNorm(graph, norm1, $"{name}.norm1", input)));
        return OnnxLayers.Add(graph, $"{name}.residual2", x,
            mlp.ExportOnnx(graph, $"{name}.mlp", OnnxLayers.LayerNorm(graph, norm2, $"{name}.norm2", x)));
    }
}
