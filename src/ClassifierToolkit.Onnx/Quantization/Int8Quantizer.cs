using ClassifierToolkit.Onnx.Proto;
using ClassifierToolkit.Hardware;
using Google.Protobuf;

namespace ClassifierToolkit.Onnx.Quantization;

/// <summary>
/// Static post-training int8 quantization of an exported classifier network, written here (ONNX Runtime's quantization
/// tools are Python-only): BatchNorm folded into convolutions, activation ranges measured on calibration images, then
/// QuantizeLinear/DequantizeLinear around every Conv, Gemm and MatMul with constant weights (uint8 activations, int8 weights
/// with per-channel scales, 8-bit or 7-bit as suits the CPU (<see cref="Int8WeightRange"/>), int32 biases) but a grey stem, which stays float (<see cref="FloatStem"/>). The result is a standard ONNX graph that ONNX Runtime, and so any ML.NET app,
/// runs with integer kernels.
/// </summary>
internal static class Int8Quantizer
{
    /// <summary>The metadata key describing the quantization in the network.</summary>
    public const string MetadataKey = "ctk.quantization";

    /// <summary>Quantizes <paramref name="onnxModel"/>.</summary>
    /// <param name="onnxModel">The fp32 network (<c>[N, C, H, W]</c> pixels in).</param>
    /// <param name="calibration">Preprocessed calibration images in batches (pixels back to back, and their number).</param>
    /// <param name="imageShape">C, H, W.</param>
    /// <param name="weightRange">8-bit or 7-bit weights; null: what suits this machine's CPU (8-bit with VNNI, else 7-bit).</param>
    /// <exception cref="UnsupportedGraphException">The network has a node the quantizer cannot handle; names it.</exception>
    /// <exception cref="InvalidDataException">Not an ONNX network.</exception>
    public static QuantizedNetwork Quantize(byte[] onnxModel, IEnumerable<(float[] Pixels, int Count)> calibration, long[] imageShape,
        Int8WeightRange? weightRange = null)
    {
        var (range, reason, warning) = Int8WeightRangeChoice.For(weightRange, CpuFeatures.Machine);
        ModelProto model;
        try
        {
            model = ModelProto.Parser.ParseFrom(onnxModel);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new InvalidDataException($"The network cannot be parsed as ONNX ({e.Message}).", e);
        }
        if (model.MetadataProps.Any(p => p.Key == MetadataKey))
            throw new UnsupportedGraphException("(graph)", "The network is already quantized; quantize the fp32 model instead.");
        var graph = QuantizationGraph.Prepare(model);
        int images = 0;
        IEnumerable<(float[] Pixels, int Count)> Counted()
        {
            foreach (var batch in calibration)
            {
                images += batch.Count;
                yield return batch;
            }
        }
        var ranges = ActivationCalibrator.Measure(graph.Model, [.. graph.QuantizedTensors.Values.Distinct()], Counted(), imageShape);
        QdqRewriter.Rewrite(graph, ranges, range);
        string[] floatNodes = [.. graph.FloatStems.Select(s => s.Conv.Name)];
        var description = $"int8 QDQ: {graph.Nodes.Count} Conv/Gemm/MatMul nodes; uint8 activations (per-tensor min/max over {images} calibration " +
            "images), int8 symmetric per-channel weights " +
            (range == Int8WeightRange.Reduced ? "in 7 bits (reduce-range, for CPUs without VNNI)" : "in 8 bits") + ", int32 biases" + (floatNodes.Length > 0 ? $"; float stem: {string.Join(", ", floatNodes)}" : "");
        graph.Model.MetadataProps.Add(new StringStringEntryProto { Key = MetadataKey, Value = description });
        return new QuantizedNetwork(graph.Model.ToByteArray(), [.. graph.Nodes.Select(n => n.Node.Name)], images, description, floatNodes)
        {
            WeightRange = range, WeightRangeReason = reason, Warning = warning,
        };
    }
}
