using ClassifierToolkit.Training;

namespace ClassifierToolkit.Torch.Training.Callbacks;

/// <summary>The validation metric a callback watches.</summary>
public enum MonitoredMetric
{
    /// <summary>Validation loss (lower is better).</summary>
    ValLoss,
    /// <summary>Validation accuracy (higher is better).</summary>
    ValAccuracy,
}

/// <summary>Reads a <see cref="MonitoredMetric"/> from epoch metrics and compares values.</summary>
internal static class MonitoredMetricExtensions
{
    public static double Read(this MonitoredMetric metric, EpochMetrics epoch)
    {
        var value = metric == MonitoredMetric.ValLoss ? epoch.ValLoss : epoch.ValAccuracy;
        return value ?? throw new InvalidOperationException(
            $"Monitoring {metric} needs a validation set, but epoch {epoch.Epoch} has no validation metrics. Set a validation fraction above 0.");
    }

    /// <summary>True when <paramref name="candidate"/> beats <paramref name="best"/> by more than <paramref name="minDelta"/>.</summary>
    public static bool Improves(this MonitoredMetric metric, double candidate, double best, double minDelta) =>
        metric == MonitoredMetric.ValLoss ? candidate < best - minDelta : candidate > best + minDelta;
}
