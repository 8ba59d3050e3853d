namespace ClassifierToolkit.Pipelines;

/// <summary>When to stop a run whose validation metric stalls.</summary>
public sealed record EarlyStoppingSpec
{
    /// <summary><c>valLoss</c> or <c>valAccuracy</c>.</summary>
    public string Metric { get; init; } = "valLoss";
    /// <summary>Epochs without improvement before stopping.</summary>
    public int Patience { get; init; } = 3;
    /// <summary>Smallest change that counts as an improvement.</summary>
    public double MinDelta { get; init; }
}
