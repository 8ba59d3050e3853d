using System.Text.Json.Serialization;
using ClassifierToolkit.Training;

namespace ClassifierToolkit.Pipelines;

/// <summary>A validation metric that early stopping, best weights and searches watch.</summary>
public enum MonitoredMetric
{
    /// <summary>Validation loss (lower is better).</summary>
    [JsonStringEnumMemberName("valLoss")] ValLoss,
    /// <summary>Validation accuracy (higher is better).</summary>
    [JsonStringEnumMemberName("valAccuracy")] ValAccuracy,
}

/// <summary>Reads a <see cref="MonitoredMetric"/> from epoch metrics and compares values.</summary>
internal static class MonitoredMetricExtensions
{
    /// <summary>The metric's value in <paramref name="epoch"/>.</summary>
    /// <exception cref="InvalidOperationException">The epoch has no validation metrics.</exception>
    public static double Read(this MonitoredMetric metric, EpochMetrics epoch) =>
        metric.Value(epoch) ?? throw new InvalidOperationException(
            $"Monitoring {SpecEnum<MonitoredMetric>.Name(metric)} needs a validation set, but epoch {epoch.Epoch} has no validation metrics. Set data.validationFraction above 0.");

    /// <summary>The metric's value in <paramref name="epoch"/>, or null when the epoch has no validation metrics.</summary>
    public static double? Value(this MonitoredMetric metric, EpochMetrics epoch) =>
        metric == MonitoredMetric.ValLoss ? epoch.ValLoss : epoch.ValAccuracy;

    /// <summary>True when <paramref name="candidate"/> beats <paramref name="best"/> by more than <paramref name="minDelta"/>.</summary>
    public static bool Improves(this MonitoredMetric metric, double candidate, double best, double minDelta) =>
        metric == MonitoredMetric.ValLoss ? candidate < best - minDelta : candidate > best + minDelta;

    /// <summary>The metric as a score where higher is better (loss negated).</summary>
    public static double Score(this MonitoredMetric metric, EpochMetrics epoch) => metric.ToScore(metric.Read(epoch));

    /// <summary>A value of the metric as a score where higher is better (a loss negated); <see cref="FromScore"/> undoes it.</summary>
    public static double ToScore(this MonitoredMetric metric, double value) => metric == MonitoredMetric.ValLoss ? -value : value;

    /// <summary>The metric's own value for a score made by <see cref="ToScore"/>.</summary>
    public static double FromScore(this MonitoredMetric metric, double score) => metric.ToScore(score);
}
