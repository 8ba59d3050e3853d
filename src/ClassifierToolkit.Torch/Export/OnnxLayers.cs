using ClassifierToolkit.Torch.Models;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ClassifierToolkit.Torch.Export;

/// <summary>ONNX equivalents of the standard TorchSharp layers the models are built from.</summary>
public static class OnnxLayers
{
    /// <summary>A tensor's values as a float array (detached, on the CPU).</summary>
    public static float[] Values(Tensor tensor)
    {
        using var cpu = tensor.detach().cpu().contiguous();
        return cpu.data<float>().ToArray();
    }

    /// <summary>Adds a parameter as an initializer with its own shape.</summary>
    public static string Initializer(OnnxGraphBuilder graph, string name, Tensor tensor) =>
        graph.AddInitializer(name, Values(tensor), tensor.shape);

    /// <summary>Conv2d with its stride, padding and dilation.</summary>
    public static string Conv2d(OnnxGraphBuilder graph, Conv2d conv, string name, string input)
    {
        var inputs = new List<string> { input, Initializer(graph, $"{name}.weight", conv.weight!) };
        if (conv.bias is not null) inputs.Add(Initializer(graph, $"{name}.bias", conv.bias));
        var kernel = conv.weight!.shape[2..];
        var padding = conv.padding ?? [0, 0];
        return graph.AddNode("Conv", inputs.ToArray(), name,
            OnnxAttribute.Ints("kernel_shape", kernel),
            OnnxAttribute.Ints("pads", padding[0], padding[1], padding[0], padding[1]),
            OnnxAttribute.Ints("strides", conv.stride ?? [1, 1]),
            OnnxAttribute.Ints("dilations", conv.dilation ?? [1, 1]),
            OnnxAttribute.Int("group", conv.groups));
    }

    /// <summary>Linear as Gemm (y = x·Wᵀ + b) on a 2-D input.</summary>
    public static string Linear(OnnxGraphBuilder graph, Linear linear, string name, string input)
    {
        var inputs = new List<string> { input, Initializer(graph, $"{name}.weight", linear.weight!) };
        if (linear.bias is not null) inputs.Add(Initializer(graph, $"{name}.bias", linear.bias));
        return graph.AddNode("Gemm", inputs.ToArray(), name, OnnxAttribute.Int("transB", 1));
    }

    /// <summary>Square max pooling with stride equal to the kernel (the models' only use).</summary>
    public static string MaxPool(OnnxGraphBuilder graph, int kernel, string name, string input) =>
        graph.AddNode("MaxPool", [input], name, OnnxAttribute.Ints("kernel_shape", kernel, kernel), OnnxAttribute.Ints("strides", kernel, kernel));

    /// <summary>Flattens everything after the batch dimension.</summary>
    public static string Flatten(OnnxGraphBuilder graph, string name, string input) =>
        graph.AddNode("Flatten", [input], name, OnnxAttribute.Int("axis", 1));

    /// <summary>The activation's node.</summary>
    public static string Activation(OnnxGraphBuilder graph, Activation activation, string name, string input) => activation switch
    {
        Models.Activation.LeakyRelu => graph.AddNode("LeakyRelu", [input], name, OnnxAttribute.Float("alpha", ActivationLayers.LeakyReluSlope)),
        _ => graph.AddNode("Relu", [input], name),
    };
}
