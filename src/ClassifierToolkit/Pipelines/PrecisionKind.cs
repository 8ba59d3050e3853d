using System.Text.Json.Serialization;

namespace ClassifierToolkit.Pipelines;

/// <summary>The number format training computes in; the JSON names are the pipeline file's values.</summary>
public enum PrecisionKind
{
    /// <summary>bf16 where the CPU computes it natively (AVX-512 BF16 or AMX), else fp32; fp32 on a GPU. The default.</summary>
    [JsonStringEnumMemberName("auto")] Auto,
    /// <summary>32-bit floats throughout.</summary>
    [JsonStringEnumMemberName("fp32")] Fp32,
    /// <summary>bfloat16 forward and backward (normalization layers and the loss in fp32), fp32 master weights and optimizer
    /// state; the saved model is fp32. Fast on CPUs with AVX-512 BF16 or AMX; without them libtorch emulates it, many times
    /// slower than fp32 (a warning says so).</summary>
    [JsonStringEnumMemberName("bf16")] Bf16,
}
