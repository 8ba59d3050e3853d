using System.Text.Json;
using System.Text.Json.Serialization;
using ClassifierToolkit.Training;

namespace ClassifierToolkit.AutoML.Storage;

/// <summary>How the SQL stores write an epoch's metrics: camelCase JSON; doubles round-trip exactly, NaN and infinities included
/// (a diverged loss is data, not an error).</summary>
internal static class EpochMetricsJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static string Write(EpochMetrics metrics) => JsonSerializer.Serialize(metrics, Options);

    public static EpochMetrics Read(string json) =>
        JsonSerializer.Deserialize<EpochMetrics>(json, Options)
        ?? throw new InvalidOperationException($"The store holds an empty epoch record ('{json}').");
}
