namespace ClassifierToolkit.Pipelines;

/// <summary>The training recipe: the one definition of its options, defaults and ranges (pipeline files, the trainer and searches use it).</summary>
public sealed record TrainingSpec
{
    /// <summary>The defaults the pipeline file and the C# overloads share (those a simple overload exposes).</summary>
    public static class Defaults
    {
        /// <summary>Passes over the training data.</summary>
        public const int Epochs = 10;
    }

    /// <summary>The optimizer.</summary>
    public OptimizerKind Optimizer { get; init; } = OptimizerKind.Adam;
    /// <summary>Peak learning rate (the schedule scales it).</summary>
    public double LearningRate { get; init; } = 1e-3;
    /// <summary>Momentum (sgd, rmsprop).</summary>
    public double Momentum { get; init; }
    /// <summary>Nesterov momentum (sgd with momentum only).</summary>
    public bool Nesterov { get; init; }
    /// <summary>Weight decay (decoupled for adamw, L2 otherwise).</summary>
    public double WeightDecay { get; init; }
    /// <summary>Learning-rate schedule.</summary>
    public ScheduleSpec Schedule { get; init; } = new();
    /// <summary>Label smoothing of the cross-entropy targets, in [0, 1).</summary>
    public double LabelSmoothing { get; init; }
    /// <summary>Clip the global gradient norm to this; null for none.</summary>
    public double? GradientClipNorm { get; init; }
    /// <summary>Training-only augmentation.</summary>
    public AugmentationSpec Augmentation { get; init; } = new();
    /// <summary>Stop when the validation metric stalls; null for never.</summary>
    public EarlyStoppingSpec? EarlyStopping { get; init; }
    /// <summary>Restore the weights of the best epoch by this metric; null to keep the last.</summary>
    public MonitoredMetric? KeepBest { get; init; }
    /// <summary>Save a resumable checkpoint every N epochs and after the last one; null for none.</summary>
    public int? CheckpointEvery { get; init; }
    /// <summary>Write TensorBoard event files next to the report.</summary>
    public bool TensorBoard { get; init; }
    /// <summary>Images per batch.</summary>
    public int BatchSize { get; init; } = 64;
    /// <summary>Passes over the training data.</summary>
    public int Epochs { get; init; } = Defaults.Epochs;
    /// <summary>Seeds initialization, shuffling, dropout and augmentation.</summary>
    public int Seed { get; init; } = 1;
    /// <summary>Where to train.</summary>
    public DeviceKind Device { get; init; } = DeviceKind.Auto;
    /// <summary>The number format of the forward and backward passes (auto: bf16 where the CPU computes it natively, else fp32).</summary>
    public PrecisionKind Precision { get; init; } = PrecisionKind.Auto;
    /// <summary>The memory layout of the forward and backward passes.</summary>
    public MemoryFormatKind MemoryFormat { get; init; } = MemoryFormatKind.Auto;

    /// <summary>Checks every value and the combinations (nesterov needs sgd with momentum, the warm-up must be shorter than training).</summary>
    /// <exception cref="PipelineSpecException">A value is not allowed; names its path.</exception>
    public void Validate(SpecCheck? check = null)
    {
        check ??= new SpecCheck(SpecCheck.CodeSource, "$.training");
        check.Defined("optimizer", Optimizer);
        check.RangeAboveMin("learningRate", LearningRate, 0, 10);
        check.Range("momentum", Momentum, 0, 0.999);
        if (Nesterov && (Optimizer != OptimizerKind.Sgd || Momentum <= 0))
            throw check.Error("nesterov", "Nesterov momentum needs the sgd optimizer and a momentum above 0.");
        check.Range("weightDecay", WeightDecay, 0, 1);
        check.Range("labelSmoothing", LabelSmoothing, 0, 0.999);
        if (GradientClipNorm is { } clip) check.RangeAboveMin("gradientClipNorm", clip, 0, 1e6);
        if (KeepBest is { } keepBest) check.Defined("keepBest", keepBest);
        if (CheckpointEvery is { } every) check.AtLeast("checkpointEvery", every, 1);
        check.Range("batchSize", BatchSize, 1, 65536);
        check.Range("epochs", Epochs, 1, 100000);
        check.Defined("device", Device);
        check.Defined("precision", Precision);
        check.Defined("memoryFormat", MemoryFormat);
        Schedule.Validate(Epochs, check.Section("schedule"));
        Augmentation.Validate(check.Section("augmentation"));
        EarlyStopping?.Validate(check.Section("earlyStopping"));
    }
}
