namespace ClassifierToolkit.Onnx.Quantization;

/// <summary>An int8 network and what was done to make it.</summary>
/// <param name="OnnxModel">The quantized ONNX bytes.</param>
/// <param name="QuantizedNodes">The Conv, Gemm and MatMul nodes that now run on int8.</param>
/// <param name="CalibrationImages">Images the activation ranges were measured on.</param>
/// <param name="Description">One line for reports (also stored in the network's metadata).</param>
/// <param name="FloatNodes">The grey stem convolutions kept in float, where int8 kernels would be slower (<see cref="FloatStem"/>).</param>
public sealed record QuantizedNetwork(byte[] OnnxModel, IReadOnlyList<string> QuantizedNodes, int CalibrationImages, string Description,
    IReadOnlyList<string> FloatNodes)
{
    /// <summary>8-bit or 7-bit weights.</summary>
    public Int8WeightRange WeightRange { get; init; }
    /// <summary>Why that range, on this machine.</summary>
    public string WeightRangeReason { get; init; } = "";
    /// <summary>When the range asked for does not suit this machine's CPU, what it costs and what to do; null otherwise.</summary>
    public string? Warning { get; init; }
}
