namespace ClassifierToolkit.Pipelines;

/// <summary>The training recipe.</summary>
public sealed record TrainingSpec
{
    /// <summary>Allowed values of <see cref="Optimizer"/>.</summary>
    public static IReadOnlyList<string> Optimizers { get; } = ["adam", "adamw", "sgd", "rmsprop"];
    /// <summary>Allowed values of <see cref="Device"/>.</summary>
    public static IReadOnlyList<string> Devices { get; } = ["auto", "cpu", "cuda"];
    /// <summary>Allowed values of <see cref="KeepBest"/>.</summary>
    public static IReadOnlyList<string> Metrics { get; } = ["valLoss", "valAccuracy"];

    /// <summary><c>adam</c>, <c>adamw</c>, <c>sgd</c> or <c>rmsprop</c>.</summary>
    public string Optimizer { get; init; } = "adam";
    /// <summary>Peak learning rate.</summary>
    public double LearningRate { get; init; } = 1e-3;
    /// <summary>Momentum (sgd, rmsprop).</summary>
    public double Momentum { get; init; }
    /// <summary>Nesterov momentum (sgd).</summary>
    public bool Nesterov { get; init; }
    /// <summary>Weight decay.</summary>
    public double WeightDecay { get; init; }
    /// <summary>Learning-rate schedule.</summary>
    public ScheduleSpec Schedule { get; init; } = new();
    /// <summary>Label smoothing in [0, 1).</summary>
    public double LabelSmoothing { get; init; }
    /// <summary>Clip the gradient norm to this; null for none.</summary>
    public double? GradientClipNorm { get; init; }
    /// <summary>Training-only augmentation.</summary>
    public AugmentationSpec Augmentation { get; init; } = new();
    /// <summary>Stop when the validation metric stalls; null for never.</summary>
    public EarlyStoppingSpec? EarlyStopping { get; init; }
    /// <summary>Restore the weights of the best epoch by this metric (<c>valLoss</c> or <c>valAccuracy</c>); null to keep the last.</summary>
    public string? KeepBest { get; init; }
    /// <summary>Save a resumable checkpoint every N epochs; null for none.</summary>
    public int? CheckpointEvery { get; init; }
    /// <summary>Write TensorBoard event files next to the report.</summary>
    public bool TensorBoard { get; init; }
    /// <summary>Images per batch.</summary>
    public int BatchSize { get; init; } = 64;
    /// <summary>Passes over the training data.</summary>
    public int Epochs { get; init; } = 10;
    /// <summary>Seeds initialization, shuffling and augmentation.</summary>
    public int Seed { get; init; } = 1;
    /// <summary><c>auto</c>, <c>cpu</c> or <c>cuda</c>.</summary>
    public string Device { get; init; } = "auto";
}
