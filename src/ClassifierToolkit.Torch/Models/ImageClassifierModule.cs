using ClassifierToolkit.Torch.Export;
using TorchSharp;
using static TorchSharp.torch;

namespace ClassifierToolkit.Torch.Models;

/// <summary>
/// Base of every model: maps normalized images <c>[N, C, H, W]</c> to logits <c>[N, classes]</c>, and
/// describes the same computation as ONNX nodes so the trained network can be served without TorchSharp.
/// Models only compute: no optimizer, loss, data or I/O here.
/// </summary>
public abstract class ImageClassifierModule : nn.Module<Tensor, Tensor>
{
    /// <summary>Names the module (its parameter names become checkpoint and ONNX initializer names).</summary>
    protected ImageClassifierModule(string name) : base(name) { }

    /// <summary>Number of output classes.</summary>
    public abstract int ClassCount { get; }

    /// <summary>Appends this model's nodes to <paramref name="graph"/>, reading <paramref name="input"/>; returns the logits tensor's name.</summary>
    public abstract string ExportOnnx(OnnxGraphBuilder graph, string input);

    /// <summary>Number of trainable values.</summary>
    public long ParameterCount() => parameters().Sum(p => p.numel());
}
