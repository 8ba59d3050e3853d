using System.Globalization;
using ClassifierToolkit.Pipelines;

namespace ClassifierToolkit.Cli.Search;

/// <summary>Reads <c>--target valAccuracy=0.93</c>.</summary>
internal static class TargetParser
{
    public sealed record Target(MonitoredMetric Metric, double Value);

    public static Target Parse(string text)
    {
        var parts = text.Split('=', 2);
        if (parts.Length != 2 || SpecEnum<MonitoredMetric>.TryParse(parts[0].Trim()) is not { } metric
            || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            throw new UsageException($"--target: '{text}' is not a target; write metric=value with metric one of {string.Join(", ", SpecEnum<MonitoredMetric>.Names)}, e.g. valAccuracy=0.93.");
        return new Target(metric, value);
    }
}
