using System.Diagnostics.CodeAnalysis;
using ClassifierToolkit.Onnx.Proto;
using static ClassifierToolkit.Onnx.Quantization.OnnxNodes;

namespace ClassifierToolkit.Onnx.Quantization;

/// <summary>
/// An fp32 network made ready for int8: BatchNormalization folded into the Conv before it and transposes of constant
/// matrices folded into the constants (so each weight is one constant the quantizer can scale per channel), every node
/// checked against the operators the quantizer knows, a thin stem (a Conv over fewer than 4 channels, then Relu) kept
/// in float, and the other Conv, Gemm and MatMul nodes with constant weights found.
/// </summary>
internal sealed class QuantizationGraph
{
    // Operators whose float behaviour is unchanged when some of their inputs were quantized and dequantized.
    private static readonly HashSet<string> KnownOperators =
    [
        "Conv", "Gemm", "MatMul", "BatchNormalization", "LayerNormalization", "Relu", "LeakyRelu", "Sigmoid", "Tanh", "Erf",
        "Add", "Sub", "Mul", "Div", "MaxPool", "AveragePool", "GlobalAveragePool", "Flatten", "Reshape", "Transpose", "Concat",
        "Gather", "Shape", "Expand", "Identity", "Softmax", "Squeeze", "Unsqueeze", "Slice", "Pad",
    ];

    // Operators that only move values: their output keeps their input's quantization.
    private static readonly string[] CarriedThrough = ["MaxPool", "Flatten", "Reshape", "Transpose"];

    private QuantizationGraph(ModelProto model, IReadOnlyList<QuantizableNode> nodes, IReadOnlyList<FloatStem> floatStems)
    {
        Model = model;
        Nodes = nodes;
        FloatStems = floatStems;
        QuantizedTensors = FindQuantizedTensors(model.Graph, nodes, floatStems);
    }

    /// <summary>The prepared network (a copy; the input is not changed).</summary>
    public ModelProto Model { get; }

    /// <summary>The nodes to quantize, in graph order.</summary>
    public IReadOnlyList<QuantizableNode> Nodes { get; }

    /// <summary>The grey stems left in float, whose outputs are quantized for the int8 layers after them.</summary>
    public IReadOnlyList<FloatStem> FloatStems { get; }

    /// <summary>
    /// The activations that get quantize/dequantize pairs, each with the tensor whose measured range sets its scale: the
    /// quantized nodes' inputs, and their outputs, taken after a following Relu (a uint8 zero point of 0 is a Relu, so
    /// ONNX Runtime drops it and fuses the node) and carried through MaxPool, Flatten, Reshape and Transpose at the same scale
    /// (so those run on uint8 too); likewise each float stem's output. Outputs of the graph stay float. Found once, on the
    /// prepared graph.
    /// </summary>
    public IReadOnlyDictionary<string, string> QuantizedTensors { get; }

    /// <summary>Prepares <paramref name="network"/>.</summary>
    /// <exception cref="UnsupportedGraphException">An operator the quantizer does not know, a Conv or Gemm whose weight is
    /// computed at run time, a transposed Gemm input, or nothing to quantize; names the node.</exception>
    public static QuantizationGraph Prepare(ModelProto network)
    {
        var model = network.Clone();
        var graph = model.Graph ?? throw new UnsupportedGraphException("(graph)", "The ONNX model has no graph to quantize.");
        foreach (var node in graph.Node)
        {
            if (!string.IsNullOrEmpty(node.Domain) && node.Domain != "ai.onnx")
                throw new UnsupportedGraphException(node.Name, $"Node '{node.Name}' is {node.Domain}.{node.OpType}, an operator outside the ONNX standard set; the int8 quantizer handles standard operators only.");
            if (!KnownOperators.Contains(node.OpType))
                throw new UnsupportedGraphException(node.Name, $"Node '{node.Name}' is a {node.OpType}, which the int8 quantizer does not support " +
                    $"(it knows {string.Join(", ", KnownOperators.Order(StringComparer.Ordinal))}); keep this model in fp32.");
        }
        var initializers = graph.Initializer.ToDictionary(i => i.Name);
        FoldConstantTransposes(graph, initializers);
        FoldBatchNorms(graph, initializers);
        var floatStems = FloatStem.RewriteAll(graph, initializers);
        var floatConvs = floatStems.Select(s => s.Conv).ToHashSet();
        WidenThinConvolutions(graph, initializers, floatConvs);
        FlattenChannelsLast(graph, initializers);
        var nodes = new List<QuantizableNode>();
        foreach (var node in graph.Node)
        {
            if (node.OpType is not ("Conv" or "Gemm" or "MatMul") || floatConvs.Contains(node)) continue;
            bool constantWeight = node.Input.Count > 1 && initializers.ContainsKey(node.Input[1]);
            if (!constantWeight)
            {
                // A product of two activations (attention) stays float; a layer whose weights are computed is not a layer we know.
                if (node.OpType == "MatMul") continue;
                throw new UnsupportedGraphException(node.Name, $"Node '{node.Name}' ({node.OpType}) takes its weight '{node.Input.ElementAtOrDefault(1)}' from another node, not a constant; the int8 quantizer needs constant weights.");
            }
            if (node.OpType == "Gemm")
            {
                if (Int(node, "transA") != 0 || Float(node, "alpha") != 1 || Float(node, "beta") != 1)
                    throw new UnsupportedGraphException(node.Name, $"Node '{node.Name}' (Gemm) transposes its input or scales by alpha/beta; the int8 quantizer supports Gemm as a plain linear layer only.");
                nodes.Add(new QuantizableNode(node, Int(node, "transB") == 1 ? 0 : 1));
            }
            else if (node.OpType == "MatMul")
            {
                if (initializers[node.Input[1]].Dims.Count != 2) continue;
                nodes.Add(new QuantizableNode(node, 1));
            }
            else nodes.Add(new QuantizableNode(node, 0));
        }
        if (nodes.Count == 0)
            throw new UnsupportedGraphException("(graph)", "The network has no Conv, Gemm or MatMul with constant weights" +
                (floatStems.Count > 0 ? " besides its grey stem, which stays float" : "") + ", so int8 quantization would change nothing.");
        RemoveUnusedInitializers(graph);
        return new QuantizationGraph(model, nodes, floatStems);
    }

    private static Dictionary<string, string> FindQuantizedTensors(GraphProto graph, IReadOnlyList<QuantizableNode> nodes, IReadOnlyList<FloatStem> floatStems)
    {
        var graphOutputs = graph.Output.Select(o => o.Name).ToHashSet();
        var tensors = new Dictionary<string, string>();
        void AddCarriedThrough(string output)
        {
            if (graphOutputs.Contains(output)) return;
            tensors.TryAdd(output, output);
            for (var next = OnlyConsumer(graph, output, CarriedThrough); next is not null && !graphOutputs.Contains(next.Output[0]);
                 next = OnlyConsumer(graph, next.Output[0], CarriedThrough))
                tensors.TryAdd(next.Output[0], output);
        }
        foreach (var stem in floatStems) AddCarriedThrough(stem.Output);
        foreach (var node in nodes)
            AddCarriedThrough(OnlyConsumer(graph, node.Output, "Relu") is { } relu ? relu.Output[0] : node.Output);
        foreach (var node in nodes) tensors.TryAdd(node.Activation, node.Activation);
        return tensors;
    }

    // Transpose(constant 2-D matrix) → the transposed constant (ViT's linear layers are exported as MatMul(x, Transpose(W))).
    private static void FoldConstantTransposes(GraphProto graph, Dictionary<string, TensorProto> initializers)
    {
        foreach (var node in graph.Node.Where(n => n.OpType == "Transpose").ToList())
        {
            if (!initializers.TryGetValue(node.Input[0], out var source) || source.Dims.Count != 2) continue;
            long rows = source.Dims[0], columns = source.Dims[1];
            var values = OnnxTensors.Floats(source);
            var transposed = new float[values.Length];
            for (long r = 0; r < rows; r++)
                for (long c = 0; c < columns; c++) transposed[c * rows + r] = values[r * columns + c];
            var folded = OnnxTensors.Float(node.Output[0], transposed, columns, rows);
            graph.Initializer.Add(folded);
            initializers[folded.Name] = folded;
            graph.Node.Remove(node);
        }
    }

    // Conv → BatchNormalization, the Conv's output read by nothing else: scale the Conv's weights and shift its bias instead.
    private static void FoldBatchNorms(GraphProto graph, Dictionary<string, TensorProto> initializers)
    {
        foreach (var norm in graph.Node.Where(n => n.OpType == "BatchNormalization").ToList())
        {
            var conv = graph.Node.FirstOrDefault(n => n.OpType == "Conv" && n.Output[0] == norm.Input[0]);
            if (conv is null || graph.Node.Count(n => n.Input.Contains(norm.Input[0])) != 1) continue;
            if (!initializers.TryGetValue(conv.Input[1], out var weightTensor) || norm.Input.Skip(1).Any(i => !initializers.ContainsKey(i))) continue;
            var (gamma, beta, mean, variance) = (OnnxTensors.Floats(initializers[norm.Input[1]]), OnnxTensors.Floats(initializers[norm.Input[2]]),
                OnnxTensors.Floats(initializers[norm.Input[3]]), OnnxTensors.Floats(initializers[norm.Input[4]]));
            double epsilon = norm.Attribute.FirstOrDefault(a => a.Name == "epsilon")?.F ?? 1e-5;
            var weights = OnnxTensors.Floats(weightTensor);
            int channels = gamma.Length, perChannel = weights.Length / channels;
            var bias = conv.Input.Count > 2 && initializers.TryGetValue(conv.Input[2], out var b) ? OnnxTensors.Floats(b) : new float[channels];
            var foldedBias = new float[channels];
            for (int c = 0; c < channels; c++)
            {
                double factor = gamma[c] / Math.Sqrt(variance[c] + epsilon);
                for (int k = 0; k < perChannel; k++) weights[c * perChannel + k] = (float)(weights[c * perChannel + k] * factor);
                foldedBias[c] = (float)((bias[c] - mean[c]) * factor + beta[c]);
            }
            var weightName = conv.Name + ".weight_folded";
            var biasName = conv.Name + ".bias_folded";
            Replace(graph, initializers, OnnxTensors.Float(weightName, weights, [.. weightTensor.Dims]));
            Replace(graph, initializers, OnnxTensors.Float(biasName, foldedBias, channels));
            conv.Input[1] = weightName;
            if (conv.Input.Count > 2) conv.Input[2] = biasName;
            else conv.Input.Add(biasName);
            conv.Output[0] = norm.Output[0];
            graph.Node.Remove(norm);
        }
    }

    // A Conv over fewer than 4 input channels (a grey image) that is not a float stem: zero-padded to 4 channels, input
    // and weights, so the int8 kernels, which take input channels 4 at a time, run at full width. The padded channels add nothing.
    private static void WidenThinConvolutions(GraphProto graph, Dictionary<string, TensorProto> initializers, HashSet<NodeProto> floatConvs)
    {
        foreach (var conv in graph.Node.Where(n => n.OpType == "Conv" && !floatConvs.Contains(n)).ToList())
        {
            if (!IsThinConvolution(conv, initializers, out var weight)) continue;
            long outChannels = weight.Dims[0], inChannels = weight.Dims[1], window = weight.Dims[2] * weight.Dims[3];
            var values = OnnxTensors.Floats(weight);
            var widened = new float[outChannels * 4 * window];
            for (long o = 0; o < outChannels; o++)
                Array.Copy(values, o * inChannels * window, widened, o * 4 * window, inChannels * window);
            var weightName = conv.Name + ".weight_widened";
            Replace(graph, initializers, OnnxTensors.Float(weightName, widened, outChannels, 4, weight.Dims[2], weight.Dims[3]));
            var pads = OnnxTensors.Int64(conv.Name + ".channel_pads", [0, 0, 0, 0, 0, 4 - inChannels, 0, 0], 8);
            graph.Initializer.Add(pads);
            var pad = Node("Pad", conv.Name + ".widen", [conv.Input[0], pads.Name], conv.Input[0] + ".widened");
            graph.Node.Insert(graph.Node.IndexOf(conv), pad);
            conv.Input[0] = pad.Output[0];
            conv.Input[1] = weightName;
        }
    }

    // Conv output [N, C, H, W] flattened into a Gemm (a CNN's head): flattened as [N, H, W, C] instead, the Gemm's weight
    // columns permuted to match, so the product is unchanged. ONNX Runtime runs integer convolutions channels-last and
    // would otherwise transpose back to channels-first before the Flatten; now its transpose and this one cancel.
    private static void FlattenChannelsLast(GraphProto graph, Dictionary<string, TensorProto> initializers)
    {
        var producers = graph.Node.SelectMany(n => n.Output.Select(output => (output, n))).ToDictionary(p => p.output, p => p.n);
        foreach (var flatten in graph.Node.Where(n => n.OpType == "Flatten" && Int(n, "axis", absent: 1) == 1).ToList())
        {
            if (OnlyConsumer(graph, flatten.Output[0], "Gemm") is not { } gemm || Int(gemm, "transB") != 1 ||
                !initializers.TryGetValue(gemm.Input[1], out var weight) || weight.Dims.Count != 2) continue;
            var source = producers.GetValueOrDefault(flatten.Input[0]);
            while (source is { OpType: "MaxPool" or "Relu" }) source = producers.GetValueOrDefault(source.Input[0]);
            // Only a 2-D convolution's [N, C, H, W] output has the layout the permutation below assumes.
            if (source is not { OpType: "Conv" } || !initializers.TryGetValue(source.Input[1], out var convWeight) || convWeight.Dims.Count != 4) continue;
            long channels = convWeight.Dims[0], rows = weight.Dims[0], columns = weight.Dims[1], positions = columns / channels;
            if (positions * channels != columns) continue;
            var values = OnnxTensors.Floats(weight);
            var permuted = new float[values.Length];
            for (long r = 0; r < rows; r++)
                for (long c = 0; c < channels; c++)
                    for (long p = 0; p < positions; p++)
                        permuted[r * columns + p * channels + c] = values[r * columns + c * positions + p];
            var weightName = gemm.Name + ".weight_channels_last";
            Replace(graph, initializers, OnnxTensors.Float(weightName, permuted, rows, columns));
            gemm.Input[1] = weightName;
            var transpose = Transpose(flatten.Name + ".channels_last", flatten.Input[0], flatten.Input[0] + ".channels_last", 0, 2, 3, 1);
            graph.Node.Insert(graph.Node.IndexOf(flatten), transpose);
            flatten.Input[0] = transpose.Output[0];
        }
    }

    private static void Replace(GraphProto graph, Dictionary<string, TensorProto> initializers, TensorProto tensor)
    {
        if (initializers.Remove(tensor.Name, out var old)) graph.Initializer.Remove(old);
        graph.Initializer.Add(tensor);
        initializers[tensor.Name] = tensor;
    }

    private static void RemoveUnusedInitializers(GraphProto graph)
    {
        var used = graph.Node.SelectMany(n => n.Input).Concat(graph.Output.Select(o => o.Name)).ToHashSet();
        foreach (var unused in graph.Initializer.Where(i => !used.Contains(i.Name)).ToList()) graph.Initializer.Remove(unused);
    }

    /// <summary>Whether <paramref name="conv"/> is a 2-D convolution over fewer than 4 input channels with a constant weight:
    /// too thin for the int8 kernels, which take input channels 4 at a time.</summary>
    internal static bool IsThinConvolution(NodeProto conv, Dictionary<string, TensorProto> initializers, [NotNullWhen(true)] out TensorProto? weight) =>
        initializers.TryGetValue(conv.Input[1], out weight) && weight.Dims.Count == 4 && weight.Dims[1] < 4 && Int(conv, "group") <= 1;
}
