using ClassifierToolkit.Onnx;
using ClassifierToolkit.Torch.Export;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ClassifierToolkit.Torch.Models.Vit;

/// <summary>
/// Multi-head self-attention over the tokens of each image (batch-first <c>[N, T, dim]</c>; images never attend to each
/// other): one Linear gives q, k and v, reshaped to <c>[N, heads, T, dim/heads]</c>; softmax(q·kᵀ/√d)·v; heads are
/// concatenated and projected by a second Linear. Names follow timm (<c>qkv</c>, <c>proj</c>).
/// </summary>
internal sealed class SelfAttention : nn.Module<Tensor, Tensor>
{
    private readonly Linear qkv;
    private readonly Linear proj;
    private readonly Dropout proj_drop;
    private readonly long _heads;
    private readonly long _headDim;

    /// <summary>Attention with <paramref name="heads"/> heads; <paramref name="dim"/> must be a multiple of it.</summary>
    public SelfAttention(long dim, long heads, double dropout) : base(nameof(SelfAttention))
    {
        if (dim % heads != 0)
            throw new ArgumentException($"The embedding size must split evenly across heads; got dim {dim} and {heads} heads.", nameof(heads));
        _heads = heads;
        _headDim = dim / heads;
        qkv = nn.Linear(dim, 3 * dim);
        proj = nn.Linear(dim, dim);
        proj_drop = nn.Dropout(dropout);
        RegisterComponents();
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        var (batch, tokens, dim) = (input.shape[0], input.shape[1], input.shape[2]);
        var parts = qkv.forward(input).reshape(batch, tokens, 3, _heads, _headDim).permute(2, 0, 3, 1, 4).unbind(0);
        var (q, k, v) = (parts[0], parts[1], parts[2]);
        var weights = q.matmul(k.transpose(-2, -1)).mul_(1.0 / Math.Sqrt(_headDim)).softmax(-1);
        var mixed = weights.matmul(v).transpose(1, 2).reshape(batch, tokens, dim);
        return proj_drop.forward(proj.forward(mixed));
    }

    /// <summary>Emits the attention's nodes under <paramref name="name"/>; the batch and token counts stay symbolic.</summary>
    public string ExportOnnx(OnnxGraphBuilder graph, string name, string input)
    {
        var packed = OnnxLayers.LinearNd(graph, qkv, $"{name}.qkv", input);
        var split = OnnxLayers.Reshape(graph, $"{name}.qkv_split", packed, 0, 0, 3, _heads, _headDim);
        var byHead = OnnxLayers.Transpose(graph, $"{name}.qkv_heads", split, 2, 0, 3, 1, 4);
        var q = OnnxLayers.Select(graph, $"{name}.q", byHead, 0, 0);
        var k = OnnxLayers.Select(graph, $"{name}.k", byHead, 0, 1);
        var v = OnnxLayers.Select(graph, $"{name}.v", byHead, 0, 2);
        var scores = OnnxLayers.MatMul(graph, $"{name}.scores", q, OnnxLayers.Transpose(graph, $"{name}.k_t", k, 0, 1, 3, 2));
        var scaled = OnnxLayers.Mul(graph, $"{name}.scores_scaled", scores, OnnxLayers.Scalar(graph, $"{name}.scale", (float)(1.0 / Math.Sqrt(_headDim))));
        var weights = OnnxLayers.Softmax(graph, $"{name}.weights", scaled);
        var mixed = OnnxLayers.Transpose(graph, $"{name}.mixed", OnnxLayers.MatMul(graph, $"{name}.context", weights, v), 0, 2, 1, 3);
        var merged = OnnxLayers.Reshape(graph, $"{name}.merged", mixed, 0, 0, -1);
        return OnnxLayers.LinearNd(graph, proj, $"{name}.proj", merged);
    }
}
