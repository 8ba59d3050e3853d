using ClassifierToolkit.Onnx;
using ClassifierToolkit.Torch.Export;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ClassifierToolkit.Torch.Models;

/// <summary>
/// Base of every model: maps normalized images <c>[N, C, H, W]</c> to logits <c>[N, classes]</c>, and describes the same
/// computation as ONNX nodes so the trained network can be served without TorchSharp. Every model is a feature extractor
/// (<see cref="ForwardFeatures"/>) followed by a linear head (<see cref="ForwardHead"/>), timm's contract, so transfer
/// learning can freeze the features, cache them, or swap the head for another class count.
/// Models only compute: no optimizer, loss, data or I/O here.
/// </summary>
public abstract class ImageClassifierModule : nn.Module<Tensor, Tensor>
{
    /// <summary>Names the module (its parameter names become checkpoint and ONNX initializer names).</summary>
    protected ImageClassifierModule(string name) : base(name) { }

    /// <summary>The parameter-name prefix of the head: its tensors are <c>{HeadName}.weight</c> and <c>{HeadName}.bias</c>.</summary>
    public abstract string HeadName { get; }

    /// <summary>The head: one linear layer from features to logits.</summary>
    protected abstract Linear Head { get; }

    /// <summary>Number of output classes.</summary>
    public int ClassCount => (int)Head.weight!.shape[0];

    /// <summary>Width of the features the head reads.</summary>
    public int FeatureCount => (int)Head.weight!.shape[1];

    /// <summary>Images to features <c>[N, FeatureCount]</c>: everything before the head. Runs in the caller's dispose scope.</summary>
    public abstract Tensor ForwardFeatures(Tensor input);

    /// <summary>Features to logits.</summary>
    public Tensor ForwardHead(Tensor features) => Head.forward(features);

    /// <summary>Images to logits. Every layer's output lives until this returns (the scope disposes them together), even
    /// without gradients: a pass holds a whole batch's activations, about 15 MB an image for resnet-mlnet at 160×160, so
    /// callers that score many images do it a batch at a time.</summary>
    public sealed override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        return ForwardHead(ForwardFeatures(input)).MoveToOuterDisposeScope();
    }

    /// <summary>Appends the feature extractor's nodes to <paramref name="graph"/>, reading <paramref name="input"/>; returns the features' name.</summary>
    public abstract string ExportFeaturesOnnx(OnnxGraphBuilder graph, string input);

    /// <summary>Appends this model's nodes to <paramref name="graph"/>, reading <paramref name="input"/>; returns the logits tensor's name.</summary>
    public string ExportOnnx(OnnxGraphBuilder graph, string input) => OnnxLayers.Linear(graph, Head, HeadName, ExportFeaturesOnnx(graph, input));

    /// <summary>True for the head's parameters and buffers (by name, as <c>named_parameters</c> gives them).</summary>
    public bool IsHeadTensor(string name) => name.StartsWith(HeadName + ".", StringComparison.Ordinal);

    /// <summary>Whether this model trains faster on channels-last tensors, which <c>training.memoryFormat: auto</c> follows:
    /// true for convolutional networks, whose convolutions oneDNN then runs without reordering every activation.</summary>
    public virtual bool TrainsFasterChannelsLast => false;

    /// <summary>Builds another model of the same architecture and options (freshly initialized), or null when unknown.
    /// Set by the registry; bf16 training computes in such a twin.</summary>
    internal Func<ImageClassifierModule>? TwinFactory { get; set; }

    /// <summary>Number of trainable values.</summary>
    public long ParameterCount() => parameters().Sum(p => p.numel());
}
