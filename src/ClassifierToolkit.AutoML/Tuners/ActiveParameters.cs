using ClassifierToolkit.AutoML.SearchSpaces;
using ClassifierToolkit.AutoML.Trials;

namespace ClassifierToolkit.AutoML.Tuners;

/// <summary>Builds configurations parameter by parameter in <see cref="SearchSpace.Parameters"/> order, skipping inactive ones.</summary>
internal static class ActiveParameters
{
    /// <summary>
    /// A configuration holding exactly the parameters active under the values chosen before them; <paramref name="choose"/>
    /// gets the parameter and the values chosen so far.
    /// </summary>
    public static ParameterSet Build(SearchSpace space, Func<SearchParameter, IReadOnlyDictionary<string, ParameterValue>, ParameterValue> choose)
    {
        var chosen = new Dictionary<string, ParameterValue>(StringComparer.Ordinal);
        foreach (var parameter in space.Parameters)
            if (parameter.IsActive(chosen))
                chosen[parameter.Path] = choose(parameter, chosen);
        return new ParameterSet(chosen);
    }
}
