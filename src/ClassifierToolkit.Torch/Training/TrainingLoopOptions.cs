using ClassifierToolkit.Torch.Training.Augmentation;
using ClassifierToolkit.Torch.Training.Schedules;

namespace ClassifierToolkit.Torch.Training;

/// <summary>How the loop trains: optimizer, schedule, regularization, augmentation, batch size, epochs, seed.</summary>
public sealed record TrainingLoopOptions
{
    /// <summary>The optimizer.</summary>
    public OptimizerKind Optimizer { get; init; } = OptimizerKind.Adam;
    /// <summary>The peak learning rate (the schedule scales it).</summary>
    public double LearningRate { get; init; } = 1e-3;
    /// <summary>Momentum for SGD and RMSprop.</summary>
    public double Momentum { get; init; }
    /// <summary>Nesterov momentum (SGD with momentum only).</summary>
    public bool Nesterov { get; init; }
    /// <summary>Weight decay (decoupled for AdamW, L2 otherwise).</summary>
    public double WeightDecay { get; init; }
    /// <summary>How the learning rate changes over training.</summary>
    public LearningRateSchedule Schedule { get; init; } = LearningRateSchedule.Constant;
    /// <summary>Label smoothing of the cross-entropy targets, in [0, 1).</summary>
    public double LabelSmoothing { get; init; }
    /// <summary>Clip the global gradient norm to this value; null for no clipping.</summary>
    public double? GradientClipNorm { get; init; }
    /// <summary>Training-only image augmentation.</summary>
    public AugmentationOptions Augmentation { get; init; } = AugmentationOptions.None;
    /// <summary>Images per batch.</summary>
    public int BatchSize { get; init; } = 64;
    /// <summary>Passes over the training data.</summary>
    public int MaxEpochs { get; init; } = 10;
    /// <summary>Seeds the per-epoch reshuffle and the augmentation.</summary>
    public int Seed { get; init; } = 1;
    /// <summary>Images per batch when validating (memory only, not results).</summary>
    public int EvaluationBatchSize { get; init; } = 500;

    /// <summary>Checks the values; throws <see cref="ArgumentOutOfRangeException"/> naming the first bad one.</summary>
    public void Validate()
    {
        if (BatchSize < 1) throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "BatchSize must be at least 1.");
        if (MaxEpochs < 1) throw new ArgumentOutOfRangeException(nameof(MaxEpochs), MaxEpochs, "MaxEpochs must be at least 1.");
        if (!(LearningRate > 0) || !double.IsFinite(LearningRate)) throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate, "LearningRate must be a positive number.");
        if (Momentum is < 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(Momentum), Momentum, "Momentum must lie in [0, 1).");
        if (Nesterov && (Optimizer != OptimizerKind.Sgd || Momentum <= 0))
            throw new ArgumentOutOfRangeException(nameof(Nesterov), Nesterov, "Nesterov momentum needs the sgd optimizer and a momentum above 0.");
        if (WeightDecay < 0) throw new ArgumentOutOfRangeException(nameof(WeightDecay), WeightDecay, "WeightDecay must not be negative.");
        if (LabelSmoothing is < 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(LabelSmoothing), LabelSmoothing, "LabelSmoothing must lie in [0, 1).");
        if (GradientClipNorm is <= 0) throw new ArgumentOutOfRangeException(nameof(GradientClipNorm), GradientClipNorm, "GradientClipNorm must be positive.");
        Schedule.Validate(MaxEpochs);
        Augmentation.Validate();
    }
}
