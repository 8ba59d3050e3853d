using System.Text.Json.Serialization;

namespace ClassifierToolkit.Pipelines;

/// <summary>Where to train; the JSON names are the pipeline file's values.</summary>
public enum DeviceKind
{
    /// <summary>CUDA when available, else CPU.</summary>
    [JsonStringEnumMemberName("auto")] Auto,
    /// <summary>The CPU.</summary>
    [JsonStringEnumMemberName("cpu")] Cpu,
    /// <summary>The first CUDA GPU (needs a CUDA libtorch package, see README).</summary>
    [JsonStringEnumMemberName("cuda")] Cuda,
}
