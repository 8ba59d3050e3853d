using ClassifierToolkit.Onnx.Proto;
using static ClassifierToolkit.Onnx.Quantization.OnnxNodes;

namespace ClassifierToolkit.Onnx.Quantization;

/// <summary>
/// Rewrites a prepared network into ONNX's QDQ form, which ONNX Runtime runs on int8 kernels: every calibrated activation
/// is followed by QuantizeLinear → DequantizeLinear (uint8, one scale and zero point per tensor, from its measured range),
/// each weight becomes int8 values dequantized with one symmetric scale per output channel, and each bias int32 values
/// at the scale input × weight, as integer convolution accumulates them. Everything else stays as it was.
/// </summary>
internal static class QdqRewriter
{
    /// <summary>Rewrites <paramref name="graph"/>'s model in place with the measured <paramref name="ranges"/> (of the range
    /// sources <see cref="QuantizationGraph.QuantizedTensors"/> names).</summary>
    public static void Rewrite(QuantizationGraph graph, IReadOnlyDictionary<string, (float Min, float Max)> ranges, Int8WeightRange weightRange)
    {
        var onnx = graph.Model.Graph;
        var initializers = onnx.Initializer.ToDictionary(i => i.Name);
        var activationScales = new Dictionary<string, float>();
        var pairs = new Dictionary<string, NodeProto[]>();
        foreach (var (tensor, source) in graph.QuantizedTensors)
        {
            var (scale, zeroPoint) = ActivationParameters(ranges[source].Min, ranges[source].Max);
            activationScales[tensor] = scale;
            onnx.Initializer.Add(OnnxTensors.Float($"{tensor}.q_scale", [scale]));
            onnx.Initializer.Add(OnnxTensors.UInt8($"{tensor}.q_zero_point", [zeroPoint]));
            pairs[tensor] =
            [
                Node("QuantizeLinear", $"{tensor}.quantize", [tensor, $"{tensor}.q_scale", $"{tensor}.q_zero_point"], $"{tensor}.quantized"),
                Node("DequantizeLinear", $"{tensor}.dequantize", [$"{tensor}.quantized", $"{tensor}.q_scale", $"{tensor}.q_zero_point"], $"{tensor}.dequantized"),
            ];
        }
        var constants = new List<NodeProto>();
        var weights = new Dictionary<string, (float[] Scales, string Output)>();
        foreach (var target in graph.Nodes)
        {
            // A weight two nodes share is quantized once.
            if (!weights.TryGetValue(target.Weight, out var quantized))
                weights[target.Weight] = quantized = QuantizeWeight(onnx, initializers[target.Weight], target.ChannelAxis, WeightLimit(weightRange), constants);
            var (weightScales, weightOutput) = quantized;
            target.Node.Input[1] = weightOutput;
            if (target.Bias is { } bias && activationScales.TryGetValue(target.Activation, out var inputScale))
                target.Node.Input[2] = QuantizeBias(onnx, initializers[bias], weightScales.Select(s => s * inputScale).ToArray(), constants);
        }
        // Consumers read the dequantized copies; the quantize nodes read the originals. Nodes stay in topological order:
        // the constant dequantizers first, each activation's pair right after the node that makes it.
        foreach (var node in onnx.Node)
            for (int i = 0; i < node.Input.Count; i++)
                if (pairs.ContainsKey(node.Input[i])) node.Input[i] = $"{node.Input[i]}.dequantized";
        var graphInputs = onnx.Input.Select(i => i.Name).ToHashSet();
        var ordered = new List<NodeProto>(constants);
        ordered.AddRange(pairs.Where(p => graphInputs.Contains(p.Key)).SelectMany(p => p.Value));
        foreach (var node in onnx.Node)
        {
            ordered.Add(node);
            foreach (var output in node.Output)
                if (pairs.TryGetValue(output, out var pair)) ordered.AddRange(pair);
        }
        onnx.Node.Clear();
        onnx.Node.AddRange(ordered);
        var stillUsed = onnx.Node.SelectMany(n => n.Input).ToHashSet();
        foreach (var unused in onnx.Initializer.Where(i => !stillUsed.Contains(i.Name)).ToList()) onnx.Initializer.Remove(unused);
    }

    /// <summary>uint8 scale and zero point covering [min, max] and zero (so zero padding stays exact).</summary>
    public static (float Scale, byte ZeroPoint) ActivationParameters(float min, float max)
    {
        min = Math.Min(min, 0);
        max = Math.Max(max, 0);
        if (max - min < 1e-12f) return (1f, 0);
        float scale = (max - min) / 255f;
        return (scale, (byte)Math.Clamp(Math.Round(-min / scale), 0, 255));
    }

    /// <summary>The largest weight value of <paramref name="range"/>: 127 for 8 bits, 63 for 7.</summary>
    public static int WeightLimit(Int8WeightRange range) => range == Int8WeightRange.Reduced ? 63 : 127;

    // int8 values, symmetric per output channel (zero point 0: integer kernels need no weight offset): scale = max|w| / limit.
    private static (float[] Scales, string Output) QuantizeWeight(GraphProto onnx, TensorProto weight, int axis, int limit, List<NodeProto> constants)
    {
        var values = OnnxTensors.Floats(weight);
        var dims = weight.Dims.ToArray();
        int channels = (int)dims[axis];
        long inner = dims.Skip(axis + 1).Aggregate(1L, (a, b) => a * b);
        var scales = new float[channels];
        for (long i = 0; i < values.Length; i++)
        {
            int c = (int)(i / inner % channels);
            scales[c] = Math.Max(scales[c], Math.Abs(values[i]));
        }
        for (int c = 0; c < channels; c++) scales[c] = scales[c] > 0 ? scales[c] / limit : 1f;
        var quantized = new sbyte[values.Length];
        for (long i = 0; i < values.Length; i++)
            quantized[i] = (sbyte)Math.Clamp(Math.Round(values[i] / scales[(int)(i / inner % channels)]), -limit, limit);
        onnx.Initializer.Add(OnnxTensors.Int8($"{weight.Name}.int8", quantized, dims));
        onnx.Initializer.Add(OnnxTensors.Float($"{weight.Name}.w_scale", scales, channels));
        onnx.Initializer.Add(OnnxTensors.Int8($"{weight.Name}.w_zero_point", new sbyte[channels], channels));
        var output = $"{weight.Name}.dequantized";
        constants.Add(Node("DequantizeLinear", $"{weight.Name}.dequantize", [$"{weight.Name}.int8", $"{weight.Name}.w_scale", $"{weight.Name}.w_zero_point"],
            output, axis));
        return (scales, output);
    }

    // int32 values at scale input × weight per channel, zero point 0: what an integer convolution adds to its accumulator.
    private static string QuantizeBias(GraphProto onnx, TensorProto bias, float[] scales, List<NodeProto> constants)
    {
        var values = OnnxTensors.Floats(bias);
        var quantized = new int[values.Length];
        for (int c = 0; c < values.Length; c++) quantized[c] = (int)Math.Clamp(Math.Round(values[c] / scales[c]), int.MinValue + 1, int.MaxValue);
        onnx.Initializer.Add(OnnxTensors.Int32($"{bias.Name}.int32", quantized, values.Length));
        onnx.Initializer.Add(OnnxTensors.Float($"{bias.Name}.b_scale", scales, values.Length));
        onnx.Initializer.Add(OnnxTensors.Int32($"{bias.Name}.b_zero_point", new int[values.Length], values.Length));
        var output = $"{bias.Name}.dequantized";
        constants.Add(Node("DequantizeLinear", $"{bias.Name}.dequantize", [$"{bias.Name}.int32", $"{bias.Name}.b_scale", $"{bias.Name}.b_zero_point"], output, 0));
        return output;
    }
}
