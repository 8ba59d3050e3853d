using System.Text.Json;
using ClassifierToolkit.AutoML.Trials;
using ClassifierToolkit.Pipelines;

namespace ClassifierToolkit.AutoML.SearchSpaces;

/// <summary>
/// Reads a search file's <c>search</c> section: each key is a pipeline JSON path, each value one domain —
/// <c>{ "choice": [..] }</c>, <c>{ "uniform": [lo, hi] }</c>, <c>{ "logUniform": [lo, hi] }</c> or
/// <c>{ "int": [lo, hi], "step": 1, "log": false }</c> — with an optional <c>"when": { "path": value or [values] }</c>.
/// </summary>
internal static class SearchSpaceReader
{
    private static readonly string[] Kinds = ["choice", "uniform", "logUniform", "int"];

    /// <summary>Reads <paramref name="search"/> (the section's JSON object) of <paramref name="file"/>.</summary>
    /// <exception cref="PipelineSpecException">A malformed or empty domain, an unknown kind, a bad condition; names the parameter.</exception>
    public static SearchSpace Read(JsonElement search, string file)
    {
        if (search.ValueKind != JsonValueKind.Object || !search.EnumerateObject().Any())
            throw new PipelineSpecException(file, "$.search", "expected an object of search parameters, e.g. { \"training.learningRate\": { \"logUniform\": [0.0003, 0.01] } }.");
        var parameters = search.EnumerateObject().Select(p => ReadParameter(p.Name, p.Value, file)).ToList();
        try
        {
            return new SearchSpace(parameters);
        }
        catch (ArgumentException e)
        {
            throw new PipelineSpecException(file, "$.search", e.Message, e);
        }
    }

    private static SearchParameter ReadParameter(string path, JsonElement value, string file)
    {
        var where = $"$.search['{path}']";
        PipelineSpecException Error(string problem) => new(file, where, problem);
        if (value.ValueKind != JsonValueKind.Object) throw Error("expected an object such as { \"choice\": [...] } or { \"uniform\": [low, high] }.");
        var keys = value.EnumerateObject().Select(p => p.Name).ToList();
        var unknown = keys.Except([.. Kinds, "step", "log", "when"]).ToList();
        if (unknown.Count > 0) throw Error($"unknown key '{unknown[0]}'. Allowed keys: {string.Join(", ", Kinds)}, step, log (int), when.");
        var kinds = keys.Intersect(Kinds).ToList();
        if (kinds.Count != 1) throw Error($"give exactly one of {string.Join(", ", Kinds)}.");
        var kind = kinds[0];
        if (kind != "int" && (value.TryGetProperty("step", out _) || value.TryGetProperty("log", out _)))
            throw Error("'step' and 'log' belong to 'int' domains only (use 'logUniform' for a log-scaled real number).");
        ParameterDomain domain = kind switch
        {
            "choice" => new ChoiceDomain(Values(value.GetProperty(kind), Error, "a non-empty array of values")),
            "uniform" => Range(value.GetProperty(kind), Error, (low, high) => new UniformDomain(low, high)),
            "logUniform" => Range(value.GetProperty(kind), Error, (low, high) => new LogUniformDomain(low, high)),
            _ => IntRange(value, Error),
        };
        try { domain.Validate(); }
        catch (ArgumentException e) { throw Error(e.Message); }
        return new SearchParameter(path, domain, value.TryGetProperty("when", out var when) ? Conditions(when, Error) : null);
    }

    private static ParameterDomain Range(JsonElement bounds, Func<string, PipelineSpecException> error, Func<double, double, ParameterDomain> create)
    {
        if (bounds.ValueKind != JsonValueKind.Array || bounds.GetArrayLength() != 2 || bounds.EnumerateArray().Any(b => b.ValueKind != JsonValueKind.Number))
            throw error("expected [low, high], two numbers.");
        return create(bounds[0].GetDouble(), bounds[1].GetDouble());
    }

    private static IntegerDomain IntRange(JsonElement value, Func<string, PipelineSpecException> error)
    {
        var bounds = value.GetProperty("int");
        if (bounds.ValueKind != JsonValueKind.Array || bounds.GetArrayLength() != 2 || bounds.EnumerateArray().Any(b => !b.TryGetInt32(out _)))
            throw error("'int' expects [low, high], two whole numbers.");
        int step = 1;
        if (value.TryGetProperty("step", out var stepValue) && !stepValue.TryGetInt32(out step)) throw error("'step' must be a whole number.");
        bool log = value.TryGetProperty("log", out var logValue) && logValue.ValueKind == JsonValueKind.True;
        return new IntegerDomain(bounds[0].GetInt32(), bounds[1].GetInt32(), step, log);
    }

    private static IReadOnlyList<ParameterValue> Values(JsonElement array, Func<string, PipelineSpecException> error, string expected)
    {
        if (array.ValueKind != JsonValueKind.Array || array.GetArrayLength() == 0) throw error($"expected {expected}.");
        try { return array.EnumerateArray().Select(ParameterValue.FromJson).ToList(); }
        catch (ArgumentException e) { throw error(e.Message); }
    }

    private static Dictionary<string, IReadOnlyList<ParameterValue>> Conditions(JsonElement when, Func<string, PipelineSpecException> error)
    {
        if (when.ValueKind != JsonValueKind.Object) throw error("'when' expects an object: { \"other.path\": value or [values] }.");
        return when.EnumerateObject().ToDictionary(c => c.Name, c => c.Value.ValueKind == JsonValueKind.Array
            ? Values(c.Value, error, $"values of '{c.Name}'")
            : Values(JsonDocument.Parse($"[{c.Value.GetRawText()}]").RootElement, error, $"a value of '{c.Name}'"));
    }
}
