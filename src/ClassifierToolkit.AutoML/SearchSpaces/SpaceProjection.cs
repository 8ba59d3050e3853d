using System.Globalization;
using System.Text.Json;
using ClassifierToolkit.AutoML.Trials;
using ClassifierToolkit.AutoML.Tuners;

namespace ClassifierToolkit.AutoML.SearchSpaces;

/// <summary>A configuration moved into a search space, and what had to change on the way (empty when it fit as it was).</summary>
/// <param name="Parameters">Exactly the space's parameters active under it, each inside its domain.</param>
/// <param name="Changes">E.g. <c>training.learningRate 0.02 clipped to 0.008</c>, <c>training.momentum dropped (not searched)</c>.</param>
internal sealed record Projection(ParameterSet Parameters, IReadOnlyList<string> Changes);

/// <summary>
/// Projects a configuration from elsewhere (a portfolio recipe, an earlier study's trial) onto a search space: only the space's
/// parameters are kept, and a conditional one only when active; numbers are clipped into their range (integers to the nearest grid
/// value); a choice takes the given value when listed, else the nearest listed number. A parameter the configuration lacks, or gives
/// a value that cannot be moved into its domain, takes the base pipeline's value, or the middle of its domain (a choice: its first value).
/// </summary>
internal static class SpaceProjection
{
    /// <param name="space">The space.</param>
    /// <param name="values">Path → value.</param>
    /// <param name="baseValue">The base pipeline's value at a path, or null when it sets none.</param>
    public static Projection Project(SearchSpace space, IReadOnlyDictionary<string, ParameterValue> values, Func<string, ParameterValue?> baseValue)
    {
        var changes = new List<string>();
        var parameters = ActiveParameters.Build(space, (parameter, _) =>
        {
            if (values.TryGetValue(parameter.Path, out var given))
            {
                if (Fit(parameter.Domain, given) is { } fitted)
                {
                    if (!fitted.Equals(given)) changes.Add($"{parameter.Path} {given} {(parameter.Domain is ChoiceDomain ? "moved to the nearest choice" : "clipped to")} {fitted}");
                    return fitted;
                }
                var fallback = Fallback(parameter, baseValue);
                changes.Add($"{parameter.Path} {given} is outside its domain, took {fallback}");
                return fallback;
            }
            var filled = Fallback(parameter, baseValue);
            changes.Add($"{parameter.Path} not given, took {filled}");
            return filled;
        });
        changes.AddRange(values.Keys.Where(path => !parameters.ContainsKey(path))
            .Select(path => $"{path} dropped ({(space.Parameters.Any(p => p.Path == path) ? "inactive" : "not searched")})"));
        return new Projection(parameters, changes);
    }

    /// <summary>The value inside <paramref name="domain"/> nearest to <paramref name="value"/>, or null when there is none (a string
    /// for a number, an unlisted string or boolean for a choice).</summary>
    public static ParameterValue? Fit(ParameterDomain domain, ParameterValue value)
    {
        bool number = value.Kind == JsonValueKind.Number;
        return domain switch
        {
            UniformDomain u when number => ParameterValue.Of(Math.Clamp(value.Number, u.Low, u.High)),
            LogUniformDomain l when number => ParameterValue.Of(Math.Clamp(value.Number, l.Low, l.High)),
            IntegerDomain i when number => ParameterValue.Of(i.Values().MinBy(v => Math.Abs(v - value.Number))),
            ChoiceDomain c when c.Choices.Contains(value) => value,
            ChoiceDomain c when number && c.Choices.Any(v => v.Kind == JsonValueKind.Number) =>
                c.Choices.Where(v => v.Kind == JsonValueKind.Number).MinBy(v => Math.Abs(v.Number - value.Number)),
            _ => null,
        };
    }

    private static ParameterValue Fallback(SearchParameter parameter, Func<string, ParameterValue?> baseValue) =>
        baseValue(parameter.Path) is { } given && Fit(parameter.Domain, given) is { } fitted ? fitted : Middle(parameter.Domain);

    private static ParameterValue Middle(ParameterDomain domain) => domain switch
    {
        UniformDomain u => ParameterValue.Of((u.Low + u.High) / 2),
        LogUniformDomain l => ParameterValue.Of(Math.Sqrt(l.Low * l.High)),
        IntegerDomain i => ParameterValue.Of(i.Values()[(i.Values().Count - 1) / 2]),
        ChoiceDomain c => c.Choices[0],
        _ => throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Unknown domain {domain.GetType().Name}."), nameof(domain)),
    };
}
