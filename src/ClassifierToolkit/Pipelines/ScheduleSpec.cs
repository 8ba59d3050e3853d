namespace ClassifierToolkit.Pipelines;

/// <summary>
/// A learning-rate schedule: <see cref="Factor"/> multiplies the peak learning rate, evaluated every batch; progress is
/// measured in epochs (fractional within an epoch).
/// </summary>
public sealed record ScheduleSpec
{
    private const double OneCycleWarmupShare = 0.3;
    private const double OneCycleStartDivisor = 25;
    private const double OneCycleEndDivisor = 1e4;

    /// <summary>The shape.</summary>
    public ScheduleKind Kind { get; init; } = ScheduleKind.Constant;
    /// <summary>Warm-up epochs (warmup-cosine).</summary>
    public double WarmupEpochs { get; init; } = 1;
    /// <summary>Epochs between decays (step).</summary>
    public int StepEpochs { get; init; } = 10;
    /// <summary>Decay factor (step).</summary>
    public double Gamma { get; init; } = 0.1;
    /// <summary>Final learning rate as a fraction of the peak (cosine schedules).</summary>
    public double MinFactor { get; init; }

    /// <summary>No schedule.</summary>
    public static ScheduleSpec Constant { get; } = new();

    /// <summary>The multiplier at <paramref name="epochProgress"/> (0 at the start, <paramref name="totalEpochs"/> at the end).</summary>
    public double Factor(double epochProgress, int totalEpochs)
    {
        double t = Math.Clamp(epochProgress / totalEpochs, 0, 1);
        return Kind switch
        {
            ScheduleKind.Step => Math.Pow(Gamma, Math.Floor(epochProgress / StepEpochs)),
            ScheduleKind.Cosine => Cosine(t, 1, MinFactor),
            ScheduleKind.WarmupCosine when epochProgress < WarmupEpochs => Math.Max(epochProgress, 1e-3) / WarmupEpochs,
            ScheduleKind.WarmupCosine => Cosine((epochProgress - WarmupEpochs) / Math.Max(totalEpochs - WarmupEpochs, 1e-9), 1, MinFactor),
            ScheduleKind.OneCycle when t < OneCycleWarmupShare =>
                1 / OneCycleStartDivisor + (1 - 1 / OneCycleStartDivisor) * (1 - Math.Cos(Math.PI * t / OneCycleWarmupShare)) / 2,
            ScheduleKind.OneCycle => Cosine((t - OneCycleWarmupShare) / (1 - OneCycleWarmupShare), 1, 1 / OneCycleEndDivisor),
            _ => 1,
        };
    }

    /// <summary>Checks the ranges against the planned epochs.</summary>
    /// <exception cref="PipelineSpecException">A value is out of range; names its path.</exception>
    public void Validate(int totalEpochs, SpecCheck? check = null)
    {
        check ??= new SpecCheck(SpecCheck.CodeSource, "$.training.schedule");
        check.Defined("kind", Kind);
        check.RangeAboveMin("warmupEpochs", WarmupEpochs, 0, 10000);
        check.AtLeast("stepEpochs", StepEpochs, 1);
        check.RangeAboveMin("gamma", Gamma, 0, 1);
        check.Range("minFactor", MinFactor, 0, 1);
        if (Kind == ScheduleKind.WarmupCosine && WarmupEpochs >= totalEpochs)
            throw check.Error("warmupEpochs", $"the warm-up ({WarmupEpochs} epochs) must be shorter than training ({totalEpochs} epochs).");
    }

    private static double Cosine(double t, double from, double to) => to + (from - to) * (1 + Math.Cos(Math.PI * Math.Clamp(t, 0, 1))) / 2;
}
