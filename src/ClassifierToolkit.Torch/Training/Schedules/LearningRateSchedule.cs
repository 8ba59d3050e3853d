namespace ClassifierToolkit.Torch.Training.Schedules;

/// <summary>
/// The learning rate as a function of training progress, evaluated every batch: <see cref="Factor"/> multiplies the
/// configured learning rate. Progress is measured in epochs (fractional within an epoch).
/// </summary>
public sealed record LearningRateSchedule
{
    private const double OneCycleWarmupShare = 0.3;
    private const double OneCycleStartDivisor = 25;
    private const double OneCycleEndDivisor = 1e4;

    /// <summary>The shape.</summary>
    public ScheduleKind Kind { get; init; } = ScheduleKind.Constant;
    /// <summary>Warm-up length for <see cref="ScheduleKind.WarmupCosine"/>.</summary>
    public double WarmupEpochs { get; init; } = 1;
    /// <summary>Epochs between decays for <see cref="ScheduleKind.Step"/>.</summary>
    public int StepEpochs { get; init; } = 10;
    /// <summary>Decay factor for <see cref="ScheduleKind.Step"/>.</summary>
    public double Gamma { get; init; } = 0.1;
    /// <summary>Final learning rate as a fraction of the peak, for the cosine schedules.</summary>
    public double MinFactor { get; init; }

    /// <summary>No schedule.</summary>
    public static LearningRateSchedule Constant { get; } = new();

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

    /// <summary>Checks the values against the planned epochs.</summary>
    public void Validate(int totalEpochs)
    {
        if (Kind == ScheduleKind.WarmupCosine && (WarmupEpochs <= 0 || WarmupEpochs >= totalEpochs))
            throw new ArgumentOutOfRangeException(nameof(WarmupEpochs), WarmupEpochs, $"Warm-up must last more than 0 and fewer than the {totalEpochs} epochs.");
        if (StepEpochs < 1) throw new ArgumentOutOfRangeException(nameof(StepEpochs), StepEpochs, "StepEpochs must be at least 1.");
        if (Gamma is <= 0 or > 1) throw new ArgumentOutOfRangeException(nameof(Gamma), Gamma, "Gamma must lie in (0, 1].");
        if (MinFactor is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(MinFactor), MinFactor, "MinFactor must lie in [0, 1].");
    }

    private static double Cosine(double t, double from, double to) => to + (from - to) * (1 + Math.Cos(Math.PI * Math.Clamp(t, 0, 1))) / 2;
}
