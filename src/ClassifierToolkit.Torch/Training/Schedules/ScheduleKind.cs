namespace ClassifierToolkit.Torch.Training.Schedules;

/// <summary>Learning-rate schedule shapes.</summary>
public enum ScheduleKind
{
    /// <summary>The learning rate throughout.</summary>
    Constant,
    /// <summary>Multiplied by <c>Gamma</c> every <c>StepEpochs</c> epochs.</summary>
    Step,
    /// <summary>Cosine decay from the learning rate to <c>MinFactor</c> × it.</summary>
    Cosine,
    /// <summary>Linear warm-up over <c>WarmupEpochs</c>, then cosine decay.</summary>
    WarmupCosine,
    /// <summary>One-cycle: warm up from lr/25 over the first 30 %, then cosine down to lr/10⁴.</summary>
    OneCycle,
}
