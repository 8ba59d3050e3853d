namespace ClassifierToolkit.Torch.Training;

/// <summary>How the loop trains: optimizer, learning rate, batch size, epochs, seed.</summary>
public sealed record TrainingLoopOptions
{
    /// <summary>The optimizer.</summary>
    public OptimizerKind Optimizer { get; init; } = OptimizerKind.Adam;
    /// <summary>The learning rate.</summary>
    public double LearningRate { get; init; } = 1e-3;
    /// <summary>SGD momentum (ignored by Adam).</summary>
    public double Momentum { get; init; }
    /// <summary>Images per batch.</summary>
    public int BatchSize { get; init; } = 64;
    /// <summary>Passes over the training data.</summary>
    public int MaxEpochs { get; init; } = 10;
    /// <summary>Seeds the per-epoch reshuffle.</summary>
    public int Seed { get; init; } = 1;
    /// <summary>Images per batch when validating (memory only, not results).</summary>
    public int EvaluationBatchSize { get; init; } = 500;
}
