using System.Text.Json;

namespace ClassifierToolkit.Training;

/// <summary>
/// How a training run computed and why: the choices made from the CPU (number format, memory layout, threads), recorded in
/// <c>metrics.json</c> and the report so a run's speed can be read against the machine it ran on.
/// </summary>
public sealed record ComputeChoices
{
    /// <summary>The key under which a trained network's ONNX metadata holds these choices (JSON), so a later evaluation of the
    /// model, anywhere, reports how it was trained.</summary>
    public const string MetadataKey = "ctk.compute";

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <summary>The CPU with the features that decide speed, e.g. <c>AMD EPYC 9R14 (AVX2, AVX-512, AVX-512 BF16, AVX-512 VNNI)</c>.</summary>
    public string Cpu { get; init; } = "";
    /// <summary>Those features by name (<c>AVX2</c>, <c>AVX-512</c>, <c>AVX-512 BF16</c>, <c>AMX</c>, <c>AVX-512 VNNI</c>, <c>AVX-VNNI</c>).</summary>
    public IReadOnlyList<string> CpuFeatures { get; init; } = [];
    /// <summary>The number format the passes ran in: <c>fp32</c> or <c>bf16</c>.</summary>
    public string Precision { get; init; } = "fp32";
    /// <summary>The memory layout of the passes: <c>channels-last</c> or <c>nchw</c>.</summary>
    public string MemoryFormat { get; init; } = "nchw";
    /// <summary>Compute threads libtorch used.</summary>
    public int Threads { get; init; }
    /// <summary>Why each was chosen, one sentence each.</summary>
    public IReadOnlyList<string> Reasons { get; init; } = [];
    /// <summary>What will make this run slower than it could be on this machine, and how to fix it; empty when nothing.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>These choices as JSON (camelCase, as in <c>metrics.json</c>).</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Choices read back from <see cref="ToJson"/>'s text.</summary>
    /// <exception cref="JsonException">Not such JSON.</exception>
    public static ComputeChoices FromJson(string json) => JsonSerializer.Deserialize<ComputeChoices>(json, Json) ?? throw new JsonException("No compute choices in the JSON.");
}
