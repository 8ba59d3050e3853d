using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ClassifierToolkit.AutoML.Trials;

/// <summary>One sampled value: a number, a string or a boolean, as it is written into the pipeline JSON.</summary>
public readonly record struct ParameterValue
{
    private ParameterValue(JsonValueKind kind, double number, string? text)
    {
        Kind = kind;
        Number = number;
        Text = text;
    }

    /// <summary><see cref="JsonValueKind.Number"/>, <see cref="JsonValueKind.String"/>, <see cref="JsonValueKind.True"/> or <see cref="JsonValueKind.False"/>.</summary>
    public JsonValueKind Kind { get; }
    /// <summary>The number (numbers only).</summary>
    public double Number { get; }
    /// <summary>The string (strings only).</summary>
    public string? Text { get; }

    /// <summary>A number.</summary>
    public static ParameterValue Of(double number) => new(JsonValueKind.Number, number, null);
    /// <summary>A string.</summary>
    public static ParameterValue Of(string text) => new(JsonValueKind.String, 0, text);
    /// <summary>A boolean.</summary>
    public static ParameterValue Of(bool flag) => new(flag ? JsonValueKind.True : JsonValueKind.False, 0, null);

    /// <summary>Reads a JSON scalar.</summary>
    /// <exception cref="ArgumentException">The element is not a number, string or boolean.</exception>
    public static ParameterValue FromJson(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Number => Of(element.GetDouble()),
        JsonValueKind.String => Of(element.GetString()!),
        JsonValueKind.True => Of(true),
        JsonValueKind.False => Of(false),
        _ => throw new ArgumentException($"A parameter value must be a number, a string or true/false; found {element.GetRawText()}.", nameof(element)),
    };

    /// <summary>The value as a JSON node (whole numbers are written without a fraction).</summary>
    public JsonNode ToJsonNode() => Kind switch
    {
        JsonValueKind.Number when Number == Math.Floor(Number) && Math.Abs(Number) < 1e15 => JsonValue.Create((long)Number),
        JsonValueKind.Number => JsonValue.Create(Number),
        JsonValueKind.String => JsonValue.Create(Text!),
        _ => JsonValue.Create(Kind == JsonValueKind.True),
    };

    /// <inheritdoc />
    public override string ToString() => Kind switch
    {
        JsonValueKind.Number => Number.ToString("G6", CultureInfo.InvariantCulture),
        JsonValueKind.String => Text!,
        _ => Kind == JsonValueKind.True ? "true" : "false",
    };
}
