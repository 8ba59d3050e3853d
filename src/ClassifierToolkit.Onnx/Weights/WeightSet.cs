using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace ClassifierToolkit.Weights;

/// <summary>
/// Named tensors read from one weights file, in the file's order, with the file's string metadata.
/// <see cref="Source"/> names the file, so errors about a tensor can say where it came from.
/// </summary>
public sealed class WeightSet : IReadOnlyDictionary<string, WeightTensor>
{
    private readonly Dictionary<string, WeightTensor> _tensors;
    private readonly string[] _names;

    /// <summary>Collects <paramref name="tensors"/> (kept in their enumeration order) read from <paramref name="source"/>.</summary>
    /// <param name="source">The file the tensors came from (or another description of where they came from).</param>
    /// <param name="tensors">The tensors by name.</param>
    /// <param name="metadata">String metadata stored with them; none if null.</param>
    /// <exception cref="ArgumentException">An empty source, an empty name or a null tensor.</exception>
    public WeightSet(string source, IReadOnlyDictionary<string, WeightTensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        ArgumentNullException.ThrowIfNull(tensors);
        Source = source;
        _tensors = new Dictionary<string, WeightTensor>(tensors.Count, StringComparer.Ordinal);
        foreach (var (name, tensor) in tensors)
        {
            if (string.IsNullOrEmpty(name)) throw new ArgumentException($"{source}: a tensor has an empty name.", nameof(tensors));
            _tensors.Add(name, tensor ?? throw new ArgumentException($"{source}: tensor '{name}' is null.", nameof(tensors)));
        }
        _names = [.. tensors.Keys];
        Metadata = metadata is null ? new Dictionary<string, string>() : new Dictionary<string, string>(metadata, StringComparer.Ordinal);
    }

    /// <summary>The file the tensors were read from.</summary>
    public string Source { get; }

    /// <summary>
    /// String metadata stored with the tensors: a safetensors file's <c>__metadata__</c>, or a toolkit model's ONNX
    /// <c>metadata_props</c> (<c>ctk.model</c>, <c>ctk.classes</c>, ...). Empty when the file has none.
    /// </summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <inheritdoc />
    public WeightTensor this[string key] => _tensors.TryGetValue(key, out var tensor) ? tensor
        : throw new KeyNotFoundException($"{Source} has no tensor named '{key}' (it has {_tensors.Count} tensors).");

    /// <inheritdoc />
    public IEnumerable<string> Keys => _names;

    /// <inheritdoc />
    public IEnumerable<WeightTensor> Values => _names.Select(name => _tensors[name]);

    /// <inheritdoc />
    public int Count => _names.Length;

    /// <inheritdoc />
    public bool ContainsKey(string key) => _tensors.ContainsKey(key);

    /// <inheritdoc />
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out WeightTensor value) => _tensors.TryGetValue(key, out value);

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, WeightTensor>> GetEnumerator() =>
        _names.Select(name => new KeyValuePair<string, WeightTensor>(name, _tensors[name])).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc />
    public override string ToString() => $"{Source}: {Count} tensors, {_tensors.Values.Sum(t => t.ElementCount):N0} values";
}
