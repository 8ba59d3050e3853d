using System.Globalization;

namespace ClassifierToolkit.Pipelines;

/// <summary>
/// Range checks for one section of a pipeline spec, failing with a <see cref="PipelineSpecException"/> that names the
/// file and the JSON path. The specs' <c>Validate</c> methods are the one place where option ranges are defined.
/// </summary>
public sealed class SpecCheck
{
    /// <summary>The name used for specs built in code rather than read from a file.</summary>
    public const string CodeSource = "<options>";

    /// <summary>Checks the section at <paramref name="path"/> (e.g. <c>$.training</c>) of <paramref name="file"/>.</summary>
    public SpecCheck(string file, string path)
    {
        File = file;
        Path = path;
    }

    /// <summary>The pipeline file (or <see cref="CodeSource"/>).</summary>
    public string File { get; }
    /// <summary>The section's JSON path.</summary>
    public string Path { get; }

    /// <summary>The check of a sub-section.</summary>
    public SpecCheck Section(string key) => new(File, $"{Path}.{key}");

    /// <summary>An error about <paramref name="key"/>.</summary>
    public PipelineSpecException Error(string key, string problem) => new(File, $"{Path}.{key}", problem);

    /// <summary>Requires <paramref name="min"/> ≤ value ≤ <paramref name="max"/>, and a finite value.</summary>
    public void Range(string key, double value, double min, double max) => Check(key, value, min, max, minExclusive: false);

    /// <summary>Requires <paramref name="min"/> &lt; value ≤ <paramref name="max"/>, and a finite value.</summary>
    public void RangeAboveMin(string key, double value, double min, double max) => Check(key, value, min, max, minExclusive: true);

    private void Check(string key, double value, double min, double max, bool minExclusive)
    {
        bool tooSmall = minExclusive ? !(value > min) : !(value >= min);
        if (tooSmall || !(value <= max))
            throw Error(key, $"{Format(value)} is out of range; expected {(minExclusive ? "more than" : "at least")} {Format(min)} and at most {Format(max)}.");
    }

    /// <summary>Requires <paramref name="min"/> ≤ value ≤ <paramref name="max"/>.</summary>
    public void Range(string key, int value, int min, int max)
    {
        if (value < min || value > max) throw Error(key, $"{value} is out of range; expected {min} to {max}.");
    }

    /// <summary>Requires value ≥ <paramref name="min"/>.</summary>
    public void AtLeast(string key, int value, int min) => Range(key, value, min, int.MaxValue);

    /// <summary>Requires an enum value that has a name.</summary>
    public void Defined<TEnum>(string key, TEnum value) where TEnum : struct, Enum
    {
        if (!Enum.IsDefined(value)) throw Error(key, $"{value} is not allowed. Allowed values: {string.Join(", ", SpecEnum<TEnum>.Names)}.");
    }

    private static string Format(double value) => value.ToString(CultureInfo.InvariantCulture);
}
