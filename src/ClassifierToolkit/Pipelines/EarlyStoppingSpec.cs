namespace ClassifierToolkit.Pipelines;

/// <summary>When to stop a run whose validation metric stalls.</summary>
public sealed record EarlyStoppingSpec
{
    /// <summary>The watched metric.</summary>
    public MonitoredMetric Metric { get; init; } = MonitoredMetric.ValLoss;
    /// <summary>Epochs without improvement before stopping.</summary>
    public int Patience { get; init; } = 3;
    /// <summary>Smallest change that counts as an improvement.</summary>
    public double MinDelta { get; init; }

    /// <summary>Checks the ranges.</summary>
    /// <exception cref="PipelineSpecException">A value is out of range; names its path.</exception>
    public void Validate(SpecCheck? check = null)
    {
        check ??= new SpecCheck(SpecCheck.CodeSource, "$.training.earlyStopping");
        check.Defined("metric", Metric);
        check.AtLeast("patience", Patience, 1);
        check.Range("minDelta", MinDelta, 0, 1e6);
    }
}
