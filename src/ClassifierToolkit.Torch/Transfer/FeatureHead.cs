using ClassifierToolkit.Onnx;
using ClassifierToolkit.Torch.Export;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ClassifierToolkit.Torch.Transfer;

/// <summary>
/// A model's head on its own, trained on cached bottleneck features laid out as <c>[N, 1, 1, features]</c> "images" so
/// the one training loop trains it like any model. Its weights go back into the full model's head afterwards.
/// </summary>
internal sealed class FeatureHead : Models.ImageClassifierModule
{
    private readonly Linear head;

    /// <summary>A head from <paramref name="features"/> to <paramref name="classes"/>, starting from <paramref name="weight"/> and <paramref name="bias"/>.</summary>
    public FeatureHead(long features, long classes, Tensor weight, Tensor bias) : base(nameof(FeatureHead))
    {
        head = nn.Linear(features, classes);
        using (no_grad())
        {
            head.weight!.copy_(weight);
            head.bias!.copy_(bias);
        }
        RegisterComponents();
    }

    /// <inheritdoc />
    public override string HeadName => nameof(head);

    /// <inheritdoc />
    protected override Linear Head => head;

    /// <inheritdoc />
    public override Tensor ForwardFeatures(Tensor input) => input.flatten(1);

    /// <inheritdoc />
    public override string ExportFeaturesOnnx(OnnxGraphBuilder graph, string input) =>
        throw new NotSupportedException("A bottleneck head is exported inside its full model, never on its own.");
}
