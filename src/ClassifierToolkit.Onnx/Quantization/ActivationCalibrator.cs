using ClassifierToolkit.Onnx.Proto;
using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;

namespace ClassifierToolkit.Onnx.Quantization;

/// <summary>
/// Measures the range (minimum and maximum) each activation tensor takes on calibration images: the fp32 network runs
/// in ONNX Runtime with those tensors made extra outputs.
/// </summary>
internal static class ActivationCalibrator
{
    /// <summary>The range of every tensor in <paramref name="tensors"/> over all <paramref name="batches"/>.</summary>
    /// <param name="network">The prepared fp32 network.</param>
    /// <param name="tensors">Tensor names inside the graph.</param>
    /// <param name="batches">Preprocessed images: pixels back to back and the number of images.</param>
    /// <param name="imageShape">C, H, W.</param>
    public static IReadOnlyDictionary<string, (float Min, float Max)> Measure(ModelProto network, IReadOnlyList<string> tensors,
        IEnumerable<(float[] Pixels, int Count)> batches, long[] imageShape)
    {
        var probe = network.Clone();
        foreach (var name in tensors.Where(t => probe.Graph.Output.All(o => o.Name != t)))
            probe.Graph.Output.Add(new ValueInfoProto
            {
                Name = name, Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float } },
            });
        using var options = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_DISABLE_ALL };
        using var session = new InferenceSession(probe.ToByteArray(), options);
        var input = session.InputMetadata.Keys.Single();
        var ranges = tensors.ToDictionary(t => t, _ => (Min: float.PositiveInfinity, Max: float.NegativeInfinity));
        string[] outputs = [.. tensors];
        using var runOptions = new RunOptions();
        foreach (var (pixels, count) in batches)
        {
            using var value = OrtValue.CreateTensorValueFromMemory(pixels, [count, .. imageShape]);
            using var results = session.Run(runOptions, [input], [value], outputs);
            for (int i = 0; i < outputs.Length; i++)
            {
                var (min, max) = ranges[outputs[i]];
                foreach (var x in results[i].GetTensorDataAsSpan<float>())
                {
                    if (x < min) min = x;
                    if (x > max) max = x;
                }
                ranges[outputs[i]] = (min, max);
            }
        }
        if (ranges.Values.Any(r => float.IsInfinity(r.Min)))
            throw new ArgumentException("No calibration images were given; the activation ranges cannot be measured.", nameof(batches));
        return ranges;
    }
}
