namespace ClassifierToolkit.Pipelines;

/// <summary>A learning-rate schedule.</summary>
public sealed record ScheduleSpec
{
    /// <summary>Allowed values of <see cref="Kind"/>.</summary>
    public static IReadOnlyList<string> Kinds { get; } = ["constant", "step", "cosine", "warmup-cosine", "one-cycle"];

    /// <summary>The shape.</summary>
    public string Kind { get; init; } = "constant";
    /// <summary>Warm-up epochs (warmup-cosine).</summary>
    public double WarmupEpochs { get; init; } = 1;
    /// <summary>Epochs between decays (step).</summary>
    public int StepEpochs { get; init; } = 10;
    /// <summary>Decay factor (step).</summary>
    public double Gamma { get; init; } = 0.1;
    /// <summary>Final learning rate as a fraction of the peak (cosine schedules).</summary>
    public double MinFactor { get; init; }
}
