using ClassifierToolkit.AutoML.Trials;

namespace ClassifierToolkit.AutoML.SearchSpaces;

/// <summary>
/// The parameters of a search, in an order where every condition refers to an earlier parameter, so a tuner can sample
/// them one by one and skip the inactive ones.
/// </summary>
internal sealed class SearchSpace
{
    /// <summary>Checks and orders <paramref name="parameters"/>.</summary>
    /// <exception cref="ArgumentException">A duplicate path, an empty domain, or a condition on a path that is not a choice parameter
    /// (or forms a cycle); the message names the parameter.</exception>
    public SearchSpace(IEnumerable<SearchParameter> parameters)
    {
        var list = parameters.ToList();
        var byPath = new Dictionary<string, SearchParameter>(StringComparer.Ordinal);
        foreach (var parameter in list)
        {
            if (!byPath.TryAdd(parameter.Path, parameter))
                throw new ArgumentException($"Search parameter '{parameter.Path}' is declared twice.");
            try { parameter.Domain.Validate(); }
            catch (ArgumentException e) { throw new ArgumentException($"Search parameter '{parameter.Path}': {e.Message}", e); }
        }
        foreach (var parameter in list)
        foreach (var (path, values) in parameter.Conditions)
        {
            if (!byPath.TryGetValue(path, out var condition))
                throw new ArgumentException($"Search parameter '{parameter.Path}': its condition names '{path}', which is not a search parameter.");
            if (condition.Domain is not ChoiceDomain choice)
                throw new ArgumentException($"Search parameter '{parameter.Path}': its condition names '{path}', which is not a 'choice' parameter.");
            var unknown = values.Where(v => !choice.Choices.Contains(v)).ToList();
            if (unknown.Count > 0)
                throw new ArgumentException($"Search parameter '{parameter.Path}': its condition on '{path}' lists {string.Join(", ", unknown)}, which '{path}' never takes (choices: {string.Join(", ", choice.Choices)}).");
        }
        Parameters = Order(list, byPath);
    }

    /// <summary>The parameters, conditions before the parameters that depend on them.</summary>
    public IReadOnlyList<SearchParameter> Parameters { get; }

    /// <summary>The parameters of <paramref name="parameters"/> that are active; sampling order.</summary>
    public IEnumerable<SearchParameter> Active(IReadOnlyDictionary<string, ParameterValue> parameters) =>
        Parameters.Where(p => p.IsActive(parameters));

    private static List<SearchParameter> Order(List<SearchParameter> list, Dictionary<string, SearchParameter> byPath)
    {
        var ordered = new List<SearchParameter>();
        var state = new Dictionary<string, bool>(StringComparer.Ordinal); // false = visiting, true = done
        void Visit(SearchParameter parameter)
        {
            if (state.TryGetValue(parameter.Path, out var done))
            {
                if (!done) throw new ArgumentException($"Search parameter '{parameter.Path}': its conditions form a cycle.");
                return;
            }
            state[parameter.Path] = false;
            foreach (var path in parameter.Conditions.Keys) Visit(byPath[path]);
            state[parameter.Path] = true;
            ordered.Add(parameter);
        }
        foreach (var parameter in list) Visit(parameter);
        return ordered;
    }
}
