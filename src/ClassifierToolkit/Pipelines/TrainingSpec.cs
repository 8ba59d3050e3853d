namespace ClassifierToolkit.Pipelines;

/// <summary>The training recipe.</summary>
public sealed record TrainingSpec
{
    /// <summary>Allowed values of <see cref="Optimizer"/>.</summary>
    public static IReadOnlyList<string> Optimizers { get; } = ["adam", "sgd"];
    /// <summary>Allowed values of <see cref="Device"/>.</summary>
    public static IReadOnlyList<string> Devices { get; } = ["auto", "cpu", "cuda"];

    /// <summary><c>adam</c> or <c>sgd</c>.</summary>
    public string Optimizer { get; init; } = "adam";
    /// <summary>Learning rate.</summary>
    public double LearningRate { get; init; } = 1e-3;
    /// <summary>SGD momentum.</summary>
    public double Momentum { get; init; }
    /// <summary>Images per batch.</summary>
    public int BatchSize { get; init; } = 64;
    /// <summary>Passes over the training data.</summary>
    public int Epochs { get; init; } = 10;
    /// <summary>Seeds initialization and shuffling.</summary>
    public int Seed { get; init; } = 1;
    /// <summary><c>auto</c>, <c>cpu</c> or <c>cuda</c>.</summary>
    public string Device { get; init; } = "auto";
}
