namespace ClassifierToolkit.Torch.Export.Quantization;

/// <summary>An int8 network and what was done to make it.</summary>
/// <param name="OnnxModel">The quantized ONNX bytes.</param>
/// <param name="QuantizedNodes">The Conv, Gemm and MatMul nodes that now run on int8.</param>
/// <param name="FloatNodes">The thin stem convolutions kept in float (fewer than 4 input channels, where int8 kernels would be slower).</param>
/// <param name="CalibrationImages">Images the activation ranges were measured on.</param>
/// <param name="Description">One line for reports (also stored in the network's metadata).</param>
public sealed record QuantizedNetwork(byte[] OnnxModel, IReadOnlyList<string> QuantizedNodes, IReadOnlyList<string> FloatNodes, int CalibrationImages, string Description);
