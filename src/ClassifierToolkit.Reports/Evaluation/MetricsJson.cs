using System.Text.Json;
using ClassifierToolkit.IO;

namespace ClassifierToolkit.Evaluation;

/// <summary>Reads and writes <c>metrics.json</c> (camelCase keys).</summary>
internal static class MetricsJson
{
    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <summary>Writes the metrics atomically.</summary>
    public static void Write(string path, ClassifierMetrics metrics) => AtomicFile.WriteAllText(path, JsonSerializer.Serialize(metrics, Options));

    /// <summary>Reads metrics back.</summary>
    public static ClassifierMetrics Read(string path) =>
        JsonSerializer.Deserialize<ClassifierMetrics>(File.ReadAllText(path), Options) ?? throw new InvalidDataException($"'{path}' holds no metrics.");
}
