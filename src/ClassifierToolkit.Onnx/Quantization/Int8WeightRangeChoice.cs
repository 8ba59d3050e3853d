using ClassifierToolkit.Hardware;

namespace ClassifierToolkit.Onnx.Quantization;

/// <summary>The weight range that is exact and fast on a CPU (<see cref="Int8WeightRange"/>), with the reason, and the
/// warning when a caller's choice does not suit it.</summary>
internal static class Int8WeightRangeChoice
{
    /// <summary>Full with VNNI, Reduced without; <paramref name="requested"/> wins when given.</summary>
    public static (Int8WeightRange Range, string Reason, string? Warning) For(Int8WeightRange? requested, CpuFeatures cpu)
    {
        var suited = cpu.HasVnni ? Int8WeightRange.Full : Int8WeightRange.Reduced;
        if (requested is null)
            return (suited, cpu.HasVnni
                ? $"8-bit weights: this CPU ({cpu.Describe()}) has VNNI, whose int8 kernels accumulate in 32 bits"
                : $"7-bit weights (reduce-range): this CPU ({cpu.Describe()}) has no VNNI, and ONNX Runtime's int8 kernels without it add pairs of products in 16 bits, which 8-bit weights can saturate", null);
        string reason = requested == Int8WeightRange.Full ? "8-bit weights, as asked" : "7-bit weights (reduce-range), as asked";
        string? warning = (requested, suited) switch
        {
            (Int8WeightRange.Full, Int8WeightRange.Reduced) => $"8-bit weights on a CPU without VNNI ({cpu.Describe()}): ONNX Runtime's int8 kernels " +
                "here can saturate, costing accuracy; compare with 'ctk evaluate' or use the default (7-bit weights) for this machine.",
            (Int8WeightRange.Reduced, Int8WeightRange.Full) => $"7-bit weights on a CPU with VNNI ({cpu.Describe()}): exact here with 8 bits too; " +
                "keep 7 bits only if the model will be served on CPUs without VNNI.",
            _ => null,
        };
        return (requested.Value, reason, warning);
    }
}
