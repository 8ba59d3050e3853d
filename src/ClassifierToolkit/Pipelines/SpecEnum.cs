using System.Reflection;
using System.Text.Json.Serialization;

namespace ClassifierToolkit.Pipelines;

/// <summary>
/// The pipeline-file names of an option enum, read from its <see cref="JsonStringEnumMemberNameAttribute"/>s: the one
/// table behind parsing, writing, error messages and the console's allowed values.
/// </summary>
internal static class SpecEnum<TEnum> where TEnum : struct, Enum
{
    private static readonly IReadOnlyList<KeyValuePair<string, TEnum>> Table = Enum.GetValues<TEnum>()
        .Select(value => KeyValuePair.Create(
            typeof(TEnum).GetField(value.ToString())!.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? value.ToString(), value))
        .ToList();

    /// <summary>The allowed names, in declaration order.</summary>
    public static IReadOnlyList<string> Names { get; } = Table.Select(entry => entry.Key).ToList();

    /// <summary>The name of <paramref name="value"/>.</summary>
    public static string Name(TEnum value) => Table.First(entry => entry.Value.Equals(value)).Key;

    /// <summary>The value named <paramref name="name"/>, or null.</summary>
    public static TEnum? TryParse(string name)
    {
        foreach (var entry in Table)
            if (entry.Key == name) return entry.Value;
        return null;
    }
}
