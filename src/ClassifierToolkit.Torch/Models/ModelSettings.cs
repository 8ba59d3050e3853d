using System.Globalization;

namespace ClassifierToolkit.Torch.Models;

/// <summary>
/// Named numeric settings of a model family (width, depth, patch size, ...), as a pipeline file's <c>model.settings</c>
/// gives them. Each family reads what it knows and rejects the rest, naming what it accepts.
/// </summary>
public sealed class ModelSettings
{
    private readonly Dictionary<string, double> _values;

    /// <summary>Wraps <paramref name="values"/> (keys are case-sensitive, camelCase).</summary>
    public ModelSettings(IReadOnlyDictionary<string, double>? values = null) =>
        _values = values is null ? [] : new Dictionary<string, double>(values);

    /// <summary>No settings: every family uses its defaults.</summary>
    public static ModelSettings Empty { get; } = new();

    /// <summary>The settings given.</summary>
    public IReadOnlyDictionary<string, double> Values => _values;

    /// <summary>A whole-number setting, or <paramref name="defaultValue"/>.</summary>
    /// <exception cref="ArgumentException">The value is not a whole number at least <paramref name="minimum"/>.</exception>
    public int Int(string name, int defaultValue, int minimum = 1)
    {
        if (!_values.TryGetValue(name, out var value)) return defaultValue;
        if (value != Math.Floor(value) || value < minimum || value > int.MaxValue)
            throw new ArgumentException($"Model setting '{name}' must be a whole number of at least {minimum}; got {value.ToString(CultureInfo.InvariantCulture)}.", name);
        return (int)value;
    }

    /// <summary>A real-valued setting in [<paramref name="minimum"/>, <paramref name="maximum"/>], or <paramref name="defaultValue"/>.</summary>
    public double Double(string name, double defaultValue, double minimum = double.MinValue, double maximum = double.MaxValue)
    {
        if (!_values.TryGetValue(name, out var value)) return defaultValue;
        if (value < minimum || value > maximum)
            throw new ArgumentException($"Model setting '{name}' must lie in [{minimum.ToString(CultureInfo.InvariantCulture)}, {maximum.ToString(CultureInfo.InvariantCulture)}]; got {value.ToString(CultureInfo.InvariantCulture)}.", name);
        return value;
    }

    /// <summary>Throws when a setting outside <paramref name="allowed"/> was given.</summary>
    public void EnsureOnly(string modelName, params string[] allowed)
    {
        var unknown = _values.Keys.Where(key => !allowed.Contains(key)).ToList();
        if (unknown.Count > 0)
            throw new ArgumentException(allowed.Length == 0
                ? $"Model '{modelName}' takes no settings; got {string.Join(", ", unknown)}."
                : $"Model '{modelName}' has no setting {string.Join(", ", unknown.Select(u => $"'{u}'"))}. Its settings: {string.Join(", ", allowed)}.");
    }
}
