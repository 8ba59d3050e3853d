namespace ClassifierToolkit.Onnx.Quantization;

/// <summary>
/// How many of int8's values the quantized weights use. ONNX Runtime's int8 kernels on a CPU without VNNI (AVX2, AVX-512
/// without VNNI) multiply uint8 activations by int8 weights and add each pair of products in a 16-bit register, which
/// saturates above 32,767: 255 × 127 × 2 can reach 64,770. 7-bit weights keep every pair within range (255 × 63 × 2 =
/// 32,130), at the price of one bit of weight precision. With VNNI the products accumulate in 32 bits and 8-bit weights are exact.
/// </summary>
public enum Int8WeightRange
{
    /// <summary>8-bit weights in [-127, 127]: the most precise, for CPUs with VNNI (AVX-512 VNNI, AVX-VNNI, AMX).</summary>
    Full,
    /// <summary>7-bit weights in [-63, 63] ("reduce range"): no saturation on any CPU, for AVX2 and AVX-512 without VNNI.</summary>
    Reduced,
}
