using System.Collections;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ClassifierToolkit.AutoML.Trials;

/// <summary>
/// A trial's configuration: sampled values keyed by the pipeline JSON path they override (e.g. <c>training.learningRate</c>).
/// Immutable; keys are kept sorted so equal sets compare, hash and serialize identically.
/// </summary>
public sealed class ParameterSet : IReadOnlyDictionary<string, ParameterValue>, IEquatable<ParameterSet>
{
    private readonly SortedDictionary<string, ParameterValue> _values;

    /// <summary>Wraps <paramref name="values"/>.</summary>
    public ParameterSet(IEnumerable<KeyValuePair<string, ParameterValue>> values) =>
        _values = new SortedDictionary<string, ParameterValue>(values.ToDictionary(p => p.Key, p => p.Value), StringComparer.Ordinal);

    /// <summary>No parameters.</summary>
    public static ParameterSet Empty { get; } = new([]);

    /// <summary>A copy with <paramref name="path"/> set to <paramref name="value"/>.</summary>
    public ParameterSet With(string path, ParameterValue value)
    {
        var copy = new Dictionary<string, ParameterValue>(_values) { [path] = value };
        return new ParameterSet(copy);
    }

    /// <summary>The set as a JSON object <c>{ "path": value, ... }</c>.</summary>
    public string ToJson()
    {
        var json = new JsonObject();
        foreach (var (path, value) in _values) json[path] = value.ToJsonNode();
        return json.ToJsonString();
    }

    /// <summary>Reads what <see cref="ToJson"/> wrote.</summary>
    public static ParameterSet FromJson(string json)
    {
        using var document = JsonDocument.Parse(json);
        return new ParameterSet(document.RootElement.EnumerateObject().Select(p => KeyValuePair.Create(p.Name, ParameterValue.FromJson(p.Value))));
    }

    /// <inheritdoc />
    public ParameterValue this[string key] => _values[key];
    /// <inheritdoc />
    public IEnumerable<string> Keys => _values.Keys;
    /// <inheritdoc />
    public IEnumerable<ParameterValue> Values => _values.Values;
    /// <inheritdoc />
    public int Count => _values.Count;
    /// <inheritdoc />
    public bool ContainsKey(string key) => _values.ContainsKey(key);
    /// <inheritdoc />
    public bool TryGetValue(string key, out ParameterValue value) => _values.TryGetValue(key, out value);
    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, ParameterValue>> GetEnumerator() => _values.GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc />
    public bool Equals(ParameterSet? other) => other is not null && _values.Count == other._values.Count
        && _values.All(p => other._values.TryGetValue(p.Key, out var v) && v.Equals(p.Value));
    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as ParameterSet);
    /// <inheritdoc />
    public override int GetHashCode() => ToJson().GetHashCode(StringComparison.Ordinal);
    /// <inheritdoc />
    public override string ToString() => string.Join(", ", _values.Select(p => $"{p.Key}={p.Value}"));
}
