using System.Text.Json;

namespace ClassifierToolkit.Pipelines;

/// <summary>Reads one JSON object strictly: typed getters with range checks, and unknown keys are errors.</summary>
internal sealed class JsonSection
{
    private readonly JsonElement _element;
    private readonly string _file;
    private readonly string _path;
    private readonly IReadOnlyList<string> _allowedKeys;

    public JsonSection(JsonElement element, string file, string path, IReadOnlyList<string> allowedKeys)
    {
        if (element.ValueKind != JsonValueKind.Object)
            throw new PipelineSpecException(file, path, $"expected an object, found {Describe(element)}.");
        _element = element;
        _file = file;
        _path = path;
        _allowedKeys = allowedKeys;
        foreach (var property in element.EnumerateObject())
        {
            if (!allowedKeys.Contains(property.Name))
                throw Error(property.Name, $"unknown key '{property.Name}'. Allowed keys here: {string.Join(", ", allowedKeys)}.");
        }
    }

    public JsonSection? Section(string key, IReadOnlyList<string> allowedKeys) =>
        TryGet(key, out var value) ? new JsonSection(value, _file, $"{_path}.{key}", allowedKeys) : null;

    public string? String(string key, IReadOnlyList<string>? allowedValues = null)
    {
        if (!TryGet(key, out var value)) return null;
        if (value.ValueKind != JsonValueKind.String) throw Error(key, $"expected a string, found {Describe(value)}.");
        var text = value.GetString()!;
        if (allowedValues is not null && !allowedValues.Contains(text))
            throw Error(key, $"'{text}' is not allowed. Allowed values: {string.Join(", ", allowedValues)}.");
        return text;
    }

    public double? Number(string key)
    {
        if (!TryGet(key, out var value)) return null;
        if (value.ValueKind != JsonValueKind.Number) throw Error(key, $"expected a number, found {Describe(value)}.");
        return value.GetDouble();
    }

    public int? Integer(string key)
    {
        if (!TryGet(key, out var value)) return null;
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var number))
            throw Error(key, $"expected a whole number, found {Describe(value)}.");
        return number;
    }

    /// <summary>An option enum by its pipeline-file name (<see cref="SpecEnum{TEnum}"/>).</summary>
    public TEnum? Enum<TEnum>(string key) where TEnum : struct, System.Enum
    {
        var text = String(key, SpecEnum<TEnum>.Names);
        return text is null ? null : SpecEnum<TEnum>.TryParse(text);
    }

    public bool? Bool(string key)
    {
        if (!TryGet(key, out var value)) return null;
        if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False)) throw Error(key, $"expected true or false, found {Describe(value)}.");
        return value.GetBoolean();
    }

    /// <summary>An object whose values are all numbers, e.g. model settings.</summary>
    public Dictionary<string, double>? NumberMap(string key)
    {
        if (!TryGet(key, out var value)) return null;
        if (value.ValueKind != JsonValueKind.Object) throw Error(key, $"expected an object of numbers, found {Describe(value)}.");
        var map = new Dictionary<string, double>();
        foreach (var property in value.EnumerateObject())
        {
            if (property.Value.ValueKind != JsonValueKind.Number)
                throw new PipelineSpecException(_file, $"{_path}.{key}.{property.Name}", $"expected a number, found {Describe(property.Value)}.");
            map[property.Name] = property.Value.GetDouble();
        }
        return map;
    }

    public float[]? Floats(string key)
    {
        if (!TryGet(key, out var value)) return null;
        if (value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(v => v.ValueKind != JsonValueKind.Number))
            throw Error(key, $"expected an array of numbers, e.g. [0.5], found {Describe(value)}.");
        return value.EnumerateArray().Select(v => v.GetSingle()).ToArray();
    }

    public PipelineSpecException Error(string key, string problem) => new(_file, $"{_path}.{key}", problem);

    private bool TryGet(string key, out JsonElement value) =>
        _element.TryGetProperty(key, out value) && value.ValueKind != JsonValueKind.Null;

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => $"the string \"{value.GetString()}\"",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        _ => value.GetRawText(),
    };
}
