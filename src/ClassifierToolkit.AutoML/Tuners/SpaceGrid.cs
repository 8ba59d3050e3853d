using ClassifierToolkit.AutoML.SearchSpaces;
using ClassifierToolkit.AutoML.Trials;

namespace ClassifierToolkit.AutoML.Tuners;

/// <summary>
/// Enumerates a space as a grid: the Cartesian product of each parameter's values, expanded only where a parameter is
/// active, the first parameter varying slowest.
/// </summary>
internal static class SpaceGrid
{
    /// <summary>Every grid point, in order; <paramref name="valuesOf"/> gives each domain's grid values.</summary>
    public static IEnumerable<ParameterSet> Points(SearchSpace space, Func<ParameterDomain, IReadOnlyList<ParameterValue>> valuesOf)
    {
        var values = space.Parameters.Select(p => valuesOf(p.Domain)).ToList();
        return Expand(space.Parameters, values, 0, new Dictionary<string, ParameterValue>(StringComparer.Ordinal));
    }

    /// <summary>The values of a finite domain (integers, choices), or null for a real range.</summary>
    public static IReadOnlyList<ParameterValue>? ExactValues(ParameterDomain domain) => domain switch
    {
        IntegerDomain i => [.. i.Values().Select(v => ParameterValue.Of(v))],
        ChoiceDomain c => c.Choices,
        _ => null,
    };

    /// <summary>How many configurations a space of integers and choices holds, or null when a parameter is a real range.</summary>
    public static double? FiniteSize(SearchSpace space)
    {
        if (space.Parameters.Any(p => p.Domain is not (IntegerDomain or ChoiceDomain))) return null;
        var referenced = space.Parameters.SelectMany(p => p.Conditions.Keys).ToHashSet(StringComparer.Ordinal);
        return Count(space.Parameters, referenced, 0, new Dictionary<string, ParameterValue>(StringComparer.Ordinal));
    }

    private static IEnumerable<ParameterSet> Expand(IReadOnlyList<SearchParameter> parameters, List<IReadOnlyList<ParameterValue>> values,
        int index, Dictionary<string, ParameterValue> chosen)
    {
        if (index == parameters.Count)
        {
            yield return new ParameterSet(chosen);
            yield break;
        }
        var parameter = parameters[index];
        if (!parameter.IsActive(chosen))
        {
            foreach (var point in Expand(parameters, values, index + 1, chosen)) yield return point;
            yield break;
        }
        foreach (var value in values[index])
        {
            chosen[parameter.Path] = value;
            foreach (var point in Expand(parameters, values, index + 1, chosen)) yield return point;
        }
        chosen.Remove(parameter.Path);
    }

    // Branches only on parameters some condition reads (always choices); the others multiply by their value count, which
    // for integers is computed, not listed.
    private static double Count(IReadOnlyList<SearchParameter> parameters, HashSet<string> referenced, int index, Dictionary<string, ParameterValue> chosen)
    {
        if (index == parameters.Count) return 1;
        var parameter = parameters[index];
        if (!parameter.IsActive(chosen)) return Count(parameters, referenced, index + 1, chosen);
        if (parameter.Domain is IntegerDomain integer)
            return ((integer.High - integer.Low) / integer.Step + 1.0) * Count(parameters, referenced, index + 1, chosen);
        var choices = ((ChoiceDomain)parameter.Domain).Choices;
        if (!referenced.Contains(parameter.Path)) return choices.Count * Count(parameters, referenced, index + 1, chosen);
        double total = 0;
        foreach (var value in choices)
        {
            chosen[parameter.Path] = value;
            total += Count(parameters, referenced, index + 1, chosen);
        }
        chosen.Remove(parameter.Path);
        return total;
    }
}
