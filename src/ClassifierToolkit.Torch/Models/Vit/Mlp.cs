using ClassifierToolkit.Onnx;
using ClassifierToolkit.Torch.Export;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ClassifierToolkit.Torch.Models.Vit;

/// <summary>The transformer's feed-forward part: Linear → GELU (exact, erf) → dropout → Linear → dropout (timm's names).</summary>
internal sealed class Mlp : nn.Module<Tensor, Tensor>
{
    private readonly Linear fc1;
    private readonly GELU act;
    private readonly Dropout drop1;
    private readonly Linear fc2;
    private readonly Dropout drop2;

    /// <summary>An MLP <paramref name="dim"/> → <paramref name="hiddenDim"/> → <paramref name="dim"/>.</summary>
    public Mlp(long dim, long hiddenDim, double dropout) : base(nameof(Mlp))
    {
        fc1 = nn.Linear(dim, hiddenDim);
        act = nn.GELU();
        drop1 = nn.Dropout(dropout);
        fc2 = nn.Linear(hiddenDim, dim);
        drop2 = nn.Dropout(dropout);
        RegisterComponents();
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor input) =>
        drop2.forward(fc2.forward(drop1.forward(act.forward(fc1.forward(input)))));

    /// <summary>Emits the MLP's nodes under <paramref name="name"/> (dropout is the identity at inference).</summary>
    public string ExportOnnx(OnnxGraphBuilder graph, string name, string input) =>
        OnnxLayers.LinearNd(graph, fc2, $"{name}.fc2", OnnxLayers.Gelu(graph, $"{name}.act", OnnxLayers.LinearNd(graph, fc1, $"{name}.fc1", input)));
}
