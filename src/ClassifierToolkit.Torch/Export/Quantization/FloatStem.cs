using System.Diagnostics.CodeAnalysis;
using ClassifierToolkit.Torch.Export.Onnx.Proto;
using static ClassifierToolkit.Torch.Export.Quantization.OnnxNodes;

namespace ClassifierToolkit.Torch.Export.Quantization;

/// <summary>
/// A network's thin stem — a Conv over fewer than 4 input channels (grey or RGB pixels), its Relu, and a MaxPool if one
/// follows — kept in float, its output quantized for the int8 layers after it. Integer kernels take input channels 4 at a
/// time, so a grey stem wastes three quarters of its int8 work on padding (7 µs an image for the seed CNN's conv1, against
/// 2.5 in fp32); the stem is a few percent of a network's products, so keeping it float costs no accuracy.
/// </summary>
/// <param name="Conv">The stem's convolution.</param>
/// <param name="Output">The stem's output as the int8 layers read it: the tensor to quantize.</param>
internal sealed record FloatStem(NodeProto Conv, string Output)
{
    /// <summary>Whether <paramref name="conv"/> is a 2-D convolution over fewer than 4 input channels with a constant weight.</summary>
    public static bool IsThin(NodeProto conv, Dictionary<string, TensorProto> initializers, [NotNullWhen(true)] out TensorProto? weight) =>
        initializers.TryGetValue(conv.Input[1], out weight) && weight.Dims.Count == 4 && weight.Dims[1] < 4 && QuantizationGraph.Int(conv, "group") <= 1;

    /// <summary>
    /// Rewrites every thin Conv → Relu [→ MaxPool] in <paramref name="graph"/> as Conv [→ MaxPool] → Transpose to
    /// channels-last → Reshape (same shape) → Relu → Transpose back, the same values in the same order of operations that
    /// matter (Relu and MaxPool commute). The layout dance is for ONNX Runtime, which runs the int8 layers channels-last:
    /// its float pooling writes channels-last directly when a Transpose follows it, and the Reshape keeps its transpose
    /// optimizer from pushing that Transpose past the quantization (where it would become a separate uint8 transpose);
    /// the Relu before the quantization keeps its QDQ propagation from moving the quantization back before the MaxPool
    /// (which would run the pool on uint8 channels-first, 10× slower). A thin Conv without a Relu after it is left alone.
    /// </summary>
    public static IReadOnlyList<FloatStem> KeepAll(GraphProto graph, Dictionary<string, TensorProto> initializers)
    {
        var graphOutputs = graph.Output.Select(o => o.Name).ToHashSet();
        NodeProto? OnlyConsumer(string tensor, string op) =>
            !graphOutputs.Contains(tensor) && graph.Node.Where(n => n.Input.Contains(tensor)).ToList() is [var only] && only.OpType == op && only.Input[0] == tensor ? only : null;
        var stems = new List<FloatStem>();
        foreach (var conv in graph.Node.Where(n => n.OpType == "Conv").ToList())
        {
            if (!IsThin(conv, initializers, out _) || OnlyConsumer(conv.Output[0], "Relu") is not { } relu) continue;
            var pool = OnlyConsumer(relu.Output[0], "MaxPool");
            string output = (pool ?? relu).Output[0];
            graph.Node.Remove(relu);
            NodeProto floatEnd = conv;
            if (pool is not null)
            {
                pool.Input[0] = conv.Output[0];
                pool.Output[0] = $"{output}.pooled";
                floatEnd = pool;
            }
            var toChannelsLast = Transpose($"{conv.Name}.to_channels_last", floatEnd.Output[0], $"{output}.channels_last", 0, 2, 3, 1);
            var sameShape = OnnxTensors.Int64($"{conv.Name}.same_shape", [0, 0, 0, 0], 4);
            graph.Initializer.Add(sameShape);
            var hold = Node("Reshape", $"{conv.Name}.hold_layout", [toChannelsLast.Output[0], sameShape.Name], $"{output}.held");
            relu.Input[0] = hold.Output[0];
            relu.Output[0] = $"{output}.relu";
            var toChannelsFirst = Transpose($"{conv.Name}.to_channels_first", relu.Output[0], output, 0, 3, 1, 2);
            int at = graph.Node.IndexOf(floatEnd) + 1;
            foreach (var node in new[] { toChannelsLast, hold, relu, toChannelsFirst }) graph.Node.Insert(at++, node);
            stems.Add(new FloatStem(conv, relu.Output[0]));
        }
        return stems;
    }
}
