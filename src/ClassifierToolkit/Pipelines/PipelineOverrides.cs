using System.Text.Json;
using System.Text.Json.Nodes;

namespace ClassifierToolkit.Pipelines;

/// <summary>
/// Values that replace a pipeline file's own, addressed by JSON path (<c>training.learningRate</c>,
/// <c>model.settings.width</c>): a search trial is its base pipeline plus overrides, and so is <c>ctk train --set</c>.
/// The loader applies them to the JSON before reading it, so an override is checked exactly like the file's own value.
/// </summary>
public sealed class PipelineOverrides
{
    private readonly List<KeyValuePair<string, JsonNode?>> _values = [];
    private readonly HashSet<int> _removals = [];

    /// <summary>No overrides.</summary>
    public static PipelineOverrides None => new();

    /// <summary>The overrides, in the order they are applied.</summary>
    public IReadOnlyList<KeyValuePair<string, JsonNode?>> Values => _values;

    /// <summary>Sets <paramref name="path"/> (dotted, optionally starting with <c>$.</c>) to <paramref name="value"/>; a later set of the same path wins.</summary>
    public PipelineOverrides Set(string path, JsonNode? value)
    {
        _values.Add(KeyValuePair.Create(Normalize(path), value));
        return this;
    }

    /// <summary>Takes <paramref name="path"/> out of the pipeline, so the loader's default applies (a search parameter whose
    /// condition does not hold: the base file's value must not reach a model or optimizer it does not apply to).</summary>
    public PipelineOverrides Remove(string path)
    {
        _removals.Add(_values.Count);
        _values.Add(KeyValuePair.Create(Normalize(path), (JsonNode?)null));
        return this;
    }

    /// <summary>Sets a path from command-line text <c>path=value</c>; the value is read as JSON when it is JSON (<c>0.01</c>, <c>true</c>, <c>[0.5]</c>), else as a string.</summary>
    /// <exception cref="ArgumentException">The text has no <c>=</c> or an empty path.</exception>
    public PipelineOverrides Parse(string assignment)
    {
        int equals = assignment.IndexOf('=');
        if (equals <= 0)
            throw new ArgumentException($"'{assignment}' is not an override; write path=value, e.g. training.learningRate=0.01.");
        var text = assignment[(equals + 1)..];
        JsonNode? value;
        try { value = JsonNode.Parse(text); }
        catch (JsonException) { value = JsonValue.Create(text); }
        return Set(assignment[..equals].Trim(), value);
    }

    /// <summary>Applies the overrides to <paramref name="root"/> in place, creating missing objects along each path.</summary>
    /// <exception cref="PipelineSpecException">A path runs through a value that is not an object.</exception>
    public void ApplyTo(JsonObject root, string file)
    {
        for (int index = 0; index < _values.Count; index++)
        {
            var (path, value) = _values[index];
            bool remove = _removals.Contains(index);
            var keys = path.Split('.');
            JsonObject? node = root;
            for (int i = 0; i < keys.Length - 1 && node is not null; i++)
            {
                var child = node[keys[i]];
                if (child is null && remove) { node = null; break; }
                if (child is null) node[keys[i]] = child = new JsonObject();
                if (child is not JsonObject childObject)
                    throw new PipelineSpecException(file, "$." + string.Join('.', keys[..(i + 1)]), $"cannot override '{path}': this value is not an object.");
                node = childObject;
            }
            if (remove) node?.Remove(keys[^1]);
            else node![keys[^1]] = value?.DeepClone();
        }
    }

    private static string Normalize(string path)
    {
        var trimmed = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path;
        if (trimmed.Length == 0 || trimmed.Split('.').Any(string.IsNullOrWhiteSpace))
            throw new ArgumentException($"'{path}' is not a pipeline path; write dotted keys, e.g. training.learningRate.");
        return trimmed;
    }
}
