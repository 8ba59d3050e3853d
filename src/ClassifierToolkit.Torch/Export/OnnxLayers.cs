using ClassifierToolkit.Onnx;
using ClassifierToolkit.Pipelines;
using ClassifierToolkit.Torch.Models;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ClassifierToolkit.Torch.Export;

/// <summary>ONNX equivalents of the standard TorchSharp layers the models are built from.</summary>
internal static class OnnxLayers
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

    /// <summary>
    /// Square max pooling, as <c>nn.MaxPool2d(kernel, stride, padding)</c>: the stride defaults to the kernel (windows that
    /// do not overlap), and padding adds that many positions on every side that never win the max (ONNX and PyTorch agree).
    /// </summary>
    public static string MaxPool(OnnxGraphBuilder graph, int kernel, string name, string input, int? stride = null, int padding = 0)
    {
        var step = stride ?? kernel;
        List<OnnxAttribute> attributes = [OnnxAttribute.Ints("kernel_shape", kernel, kernel), OnnxAttribute.Ints("strides", step, step)];
        // Unpadded pools keep their attributes as before, so the graphs of models exported earlier stay byte-identical.
        if (padding != 0) attributes.Add(OnnxAttribute.Ints("pads", padding, padding, padding, padding));
        return graph.AddNode("MaxPool", [input], name, [.. attributes]);
    }

    /// <summary>Flattens everything after the batch dimension.</summary>
    public static string Flatten(OnnxGraphBuilder graph, string name, string input) =>
        graph.AddNode("Flatten", [input], name, OnnxAttribute.Int("axis", 1));

    /// <summary>
    /// BatchNorm2d in inference mode (running statistics). The four tensors keep the module's names and shapes, so the
    /// exported initializers still hold every weight; ONNX Runtime folds the node into the preceding Conv when it loads.
    /// </summary>
    public static string BatchNorm2d(OnnxGraphBuilder graph, BatchNorm2d norm, string name, string input)
    {
        string[] inputs =
        [
            input,
            Initializer(graph, $"{name}.weight", norm.weight!),
            Initializer(graph, $"{name}.bias", norm.bias!),
            Initializer(graph, $"{name}.running_mean", norm.running_mean!),
            Initializer(graph, $"{name}.running_var", norm.running_var!),
        ];
        return graph.AddNode("BatchNormalization", inputs, name, OnnxAttribute.Float("epsilon", (float)norm.eps));
    }

    /// <summary>LayerNorm over the last dimension (opset 17's LayerNormalization).</summary>
    public static string LayerNorm(OnnxGraphBuilder graph, LayerNorm norm, string name, string input)
    {
        string[] inputs = [input, Initializer(graph, $"{name}.weight", norm.weight!), Initializer(graph, $"{name}.bias", norm.bias!)];
        return graph.AddNode("LayerNormalization", inputs, name, OnnxAttribute.Int("axis", -1), OnnxAttribute.Float("epsilon", (float)norm.eps));
    }

    /// <summary>
    /// Linear on an input of any rank <c>[..., in]</c>: MatMul with the transposed weight, then Add the bias. The weight is
    /// stored as the module holds it (<c>[out, in]</c>) and transposed by a node that ONNX Runtime constant-folds.
    /// </summary>
    public static string LinearNd(OnnxGraphBuilder graph, Linear linear, string name, string input)
    {
        var weightT = Transpose(graph, $"{name}.weight_t", Initializer(graph, $"{name}.weight", linear.weight!), 1, 0);
        var product = MatMul(graph, linear.bias is null ? name : $"{name}.matmul", input, weightT);
        return linear.bias is null ? product : Add(graph, name, product, Initializer(graph, $"{name}.bias", linear.bias));
    }

    /// <summary>Average over the spatial dimensions: <c>[N, C, H, W]</c> → <c>[N, C, 1, 1]</c>.</summary>
    public static string GlobalAveragePool(OnnxGraphBuilder graph, string name, string input) =>
        graph.AddNode("GlobalAveragePool", [input], name);

    /// <summary>Element-wise sum (with broadcasting).</summary>
    public static string Add(OnnxGraphBuilder graph, string name, string left, string right) =>
        graph.AddNode("Add", [left, right], name);

    /// <summary>Element-wise product (with broadcasting).</summary>
    public static string Mul(OnnxGraphBuilder graph, string name, string left, string right) =>
        graph.AddNode("Mul", [left, right], name);

    /// <summary>Batched matrix product.</summary>
    public static string MatMul(OnnxGraphBuilder graph, string name, string left, string right) =>
        graph.AddNode("MatMul", [left, right], name);

    /// <summary>Permutes the dimensions.</summary>
    public static string Transpose(OnnxGraphBuilder graph, string name, string input, params long[] perm) =>
        graph.AddNode("Transpose", [input], name, OnnxAttribute.Ints("perm", perm));

    /// <summary>Reshapes to <paramref name="shape"/>, where 0 copies the input's dimension and −1 is inferred (so the batch stays symbolic).</summary>
    public static string Reshape(OnnxGraphBuilder graph, string name, string input, params long[] shape) =>
        graph.AddNode("Reshape", [input, graph.AddInt64Initializer($"{name}.shape", shape, shape.Length)], name);

    /// <summary>Softmax along the last dimension.</summary>
    public static string Softmax(OnnxGraphBuilder graph, string name, string input) =>
        graph.AddNode("Softmax", [input], name, OnnxAttribute.Int("axis", -1));

    /// <summary>Picks entry <paramref name="index"/> along <paramref name="axis"/>, dropping that dimension (like <c>select</c>).</summary>
    public static string Select(OnnxGraphBuilder graph, string name, string input, long axis, long index) =>
        graph.AddNode("Gather", [input, graph.AddInt64Initializer($"{name}.index", [index])], name, OnnxAttribute.Int("axis", axis));

    /// <summary>Concatenates along <paramref name="axis"/>.</summary>
    public static string Concat(OnnxGraphBuilder graph, string name, long axis, params string[] inputs) =>
        graph.AddNode("Concat", inputs, name, OnnxAttribute.Int("axis", axis));

    /// <summary>A float scalar constant.</summary>
    public static string Scalar(OnnxGraphBuilder graph, string name, float value) => graph.AddInitializer(name, [value]);

    /// <summary>
    /// Repeats <paramref name="parameter"/> (shaped <c>[1, ...]</c>) along a new leading batch dimension taken from
    /// <paramref name="batchSource"/>'s first dimension, so the graph keeps a symbolic batch size (e.g. a ViT's class token).
    /// </summary>
    public static string ExpandToBatch(OnnxGraphBuilder graph, string name, string parameter, long[] parameterShape, string batchSource)
    {
        var batch = graph.AddNode("Shape", [batchSource], $"{name}.batch", OnnxAttribute.Int("start", 0), OnnxAttribute.Int("end", 1));
        var rest = graph.AddInt64Initializer($"{name}.rest", parameterShape[1..], parameterShape.Length - 1);
        var shape = Concat(graph, $"{name}.shape", 0, batch, rest);
        return graph.AddNode("Expand", [parameter, shape], name);
    }

    /// <summary>Exact GELU, as TorchSharp's default computes it: 0.5·x·(1 + erf(x/√2)).</summary>
    public static string Gelu(OnnxGraphBuilder graph, string name, string input)
    {
        var scaled = graph.AddNode("Div", [input, Scalar(graph, $"{name}.sqrt2", MathF.Sqrt(2f))], $"{name}.scaled");
        var erf = graph.AddNode("Erf", [scaled], $"{name}.erf");
        var onePlus = Add(graph, $"{name}.one_plus", erf, Scalar(graph, $"{name}.one", 1f));
        return Mul(graph, name, Mul(graph, $"{name}.half_x", input, Scalar(graph, $"{name}.half", 0.5f)), onePlus);
    }

    /// <summary>The activation's node.</summary>
    public static string Activation(OnnxGraphBuilder graph, Activation activation, string name, string input) => activation switch
    {
        Pipelines.Activation.LeakyRelu => graph.AddNode("LeakyRelu", [input], name, OnnxAttribute.Float("alpha", ActivationLayers.LeakyReluSlope)),
        _ => graph.AddNode("Relu", [input], name),
    };
}
