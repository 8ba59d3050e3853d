using System.Text.Json.Serialization;

namespace ClassifierToolkit.Pipelines;

/// <summary>Learning-rate schedule shapes; the JSON names are the pipeline file's values.</summary>
public enum ScheduleKind
{
    /// <summary>The learning rate throughout.</summary>
    [JsonStringEnumMemberName("constant")] Constant,
    /// <summary>Multiplied by <c>Gamma</c> every <c>StepEpochs</c> epochs.</summary>
    [JsonStringEnumMemberName("step")] Step,
    /// <summary>Cosine decay from the learning rate to <c>MinFactor</c> × it.</summary>
    [JsonStringEnumMemberName("cosine")] Cosine,
    /// <summary>Linear warm-up over <c>WarmupEpochs</c>, then cosine decay.</summary>
    [JsonStringEnumMemberName("warmup-cosine")] WarmupCosine,
    /// <summary>One-cycle: warm up from lr/25 over the first 30 %, then cosine down to lr/10⁴.</summary>
    [JsonStringEnumMemberName("one-cycle")] OneCycle,
}
