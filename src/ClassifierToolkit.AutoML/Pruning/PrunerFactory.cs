using System.Text.Json;

namespace ClassifierToolkit.AutoML.Pruning;

/// <summary>
/// Creates pruners by name, or from the JSON a study definition stores, e.g.
/// <c>{"kind":"asha","gracePeriod":1,"reductionFactor":3}</c>.
/// </summary>
internal static class PrunerFactory
{
    /// <summary>The pruner names, in the order they are listed to users.</summary>
    public static IReadOnlyList<string> Names { get; } = ["asha", "median", "none"];

    /// <summary>Pruner <paramref name="name"/> with default settings.</summary>
    /// <param name="name"><c>asha</c>, <c>median</c> or <c>none</c> (case-insensitive).</param>
    /// <exception cref="ArgumentException">The name is not a pruner; the message lists the names.</exception>
    public static ITrialPruner Create(string name) => Create(name, new Dictionary<string, int>(), nameof(name));

    /// <summary>
    /// The pruner <paramref name="json"/> describes: <c>kind</c> (a name from <see cref="Names"/>) plus that pruner's
    /// integer settings in camelCase (<c>gracePeriod</c>, <c>reductionFactor</c> for asha; <c>startupTrials</c>,
    /// <c>warmupEpochs</c> for median); omitted settings take their defaults.
    /// </summary>
    /// <exception cref="ArgumentException">Malformed JSON, a missing or unknown kind, an unknown key, a non-integer
    /// setting or one out of range; the message names it and what is allowed.</exception>
    public static ITrialPruner FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try { document = JsonDocument.Parse(json); }
        catch (JsonException e) { throw new ArgumentException($"Pruner settings are not valid JSON: {e.Message}", nameof(json), e); }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                throw new ArgumentException($"Pruner settings must be a JSON object like {{\"kind\":\"asha\"}}; got {json}.", nameof(json));
            string? kind = null;
            var settings = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.Name == "kind")
                    kind = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()
                        : throw new ArgumentException($"Pruner 'kind' must be a string ({string.Join(", ", Names)}); got {property.Value.GetRawText()}.", nameof(json));
                else if (property.Value.ValueKind == JsonValueKind.Number && property.Value.TryGetInt32(out var value))
                    settings[property.Name] = value;
                else
                    throw new ArgumentException($"Pruner setting '{property.Name}' must be a whole number; got {property.Value.GetRawText()}.", nameof(json));
            }
            if (kind is null)
                throw new ArgumentException($"Pruner settings lack 'kind' ({string.Join(", ", Names)}).", nameof(json));
            return Create(kind, settings, nameof(json));
        }
    }

    private static ITrialPruner Create(string name, Dictionary<string, int> settings, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(name);
        int Take(string key, int fallback) => settings.Remove(key, out var value) ? value : fallback;
        var kind = name.Trim().ToLowerInvariant();
        ITrialPruner pruner = kind switch
        {
            "asha" => new AshaPruner(new AshaPruner.Options
            {
                GracePeriod = Take("gracePeriod", AshaPruner.Defaults.GracePeriod),
                ReductionFactor = Take("reductionFactor", AshaPruner.Defaults.ReductionFactor),
            }),
            "median" => new MedianPruner(new MedianPruner.Options
            {
                StartupTrials = Take("startupTrials", MedianPruner.Defaults.StartupTrials),
                WarmupEpochs = Take("warmupEpochs", MedianPruner.Defaults.WarmupEpochs),
            }),
            "none" => new NoPruner(),
            _ => throw new ArgumentException($"Unknown pruner '{name}'. Known pruners: {string.Join(", ", Names)}.", parameterName),
        };
        if (settings.Count > 0)
            throw new ArgumentException($"Pruner '{kind}' has no setting '{settings.Keys.First()}' (its settings: {AllowedKeys(kind)}).", parameterName);
        return pruner;
    }

    private static string AllowedKeys(string kind) => kind switch
    {
        "asha" => "gracePeriod, reductionFactor",
        "median" => "startupTrials, warmupEpochs",
        _ => "none",
    };
}
