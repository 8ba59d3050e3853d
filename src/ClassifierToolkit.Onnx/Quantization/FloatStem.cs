using ClassifierToolkit.Onnx.Proto;
using static ClassifierToolkit.Onnx.Quantization.OnnxNodes;

namespace ClassifierToolkit.Onnx.Quantization;

/// <summary>
/// A network's grey stem — a Conv over one or two input channels, its Relu, and a MaxPool if one follows — kept in float,
/// its output quantized for the int8 layers after it. Integer kernels take input channels 4 at a time, so on a grey image
/// three quarters of their work is padding (7 µs an image for the seed CNN's conv1, against 2.5 in fp32); the stem is a
/// few percent of a network's products, so keeping it float costs no accuracy. (An RGB stem pads only a quarter and is
/// widened instead; that trade was not measured.)
/// </summary>
/// <param name="Conv">The stem's convolution.</param>
/// <param name="Output">The stem's quantized output: its Relu's, channels-last (the int8 layers read it transposed back).</param>
internal sealed record FloatStem(NodeProto Conv, string Output)
{
    /// <summary>
    /// Rewrites every grey Conv → Relu [→ MaxPool] in <paramref name="graph"/> as Conv [→ MaxPool] → Transpose to
    /// channels-last → Reshape (same shape) → Relu → Transpose back, the same values (Relu and MaxPool commute). The layout
    /// dance is for ONNX Runtime, which runs the int8 layers channels-last: its float pooling writes channels-last directly
    /// when a Transpose follows it, and the Reshape keeps its transpose optimizer from pushing that Transpose past the
    /// quantization (where it would become a separate uint8 transpose); the Relu before the quantization keeps its QDQ
    /// propagation from moving the quantization back before the MaxPool (which would run the pool on uint8 channels-first,
    /// 10× slower). Left alone: a Conv without a Relu after it, a MaxPool that also returns indices, a stem whose output is
    /// a graph output.
    /// </summary>
    /// <returns>The stems rewritten.</returns>
    public static IReadOnlyList<FloatStem> RewriteAll(GraphProto graph, Dictionary<string, TensorProto> initializers)
    {
        var stems = new List<FloatStem>();
        foreach (var conv in graph.Node.Where(n => n.OpType == "Conv").ToList())
        {
            if (!QuantizationGraph.IsThinConvolution(conv, initializers, out var weight) || weight.Dims[1] > 2 ||
                OnlyConsumer(graph, conv.Output[0], "Relu") is not { } relu) continue;
            var pool = OnlyConsumer(graph, relu.Output[0], "MaxPool") is { Output.Count: 1 } maxPool ? maxPool : null;
            string output = (pool ?? relu).Output[0];
            if (graph.Output.Any(o => o.Name == output)) continue;
            graph.Node.Remove(relu);
            NodeProto floatEnd = conv;
            if (pool is not null)
            {
                pool.Input[0] = conv.Output[0];
                pool.Output[0] = $"{output}.pooled";
                floatEnd = pool;
            }
            // Names come from the stem's output tensor, which is unique; node names may be empty.
            var toChannelsLast = Transpose($"{output}.to_channels_last", floatEnd.Output[0], $"{output}.channels_last", 0, 2, 3, 1);
            var sameShape = OnnxTensors.Int64($"{output}.same_shape", [0, 0, 0, 0], 4);
            graph.Initializer.Add(sameShape);
            var hold = Node("Reshape", $"{output}.hold_layout", [toChannelsLast.Output[0], sameShape.Name], $"{output}.held");
            relu.Input[0] = hold.Output[0];
            relu.Output[0] = $"{output}.relu";
            var toChannelsFirst = Transpose($"{output}.to_channels_first", relu.Output[0], output, 0, 3, 1, 2);
            int at = graph.Node.IndexOf(floatEnd) + 1;
            foreach (var node in new[] { toChannelsLast, hold, relu, toChannelsFirst }) graph.Node.Insert(at++, node);
            stems.Add(new FloatStem(conv, relu.Output[0]));
        }
        return stems;
    }
}
