using ClassifierToolkit.AutoML.SearchSpaces;
using ClassifierToolkit.AutoML.Trials;

namespace ClassifierToolkit.AutoML.Tuners;

/// <summary>
/// CFO's view of a space: one coordinate per parameter, in <see cref="SearchSpace.Parameters"/> order. A numeric
/// parameter's coordinate is its <see cref="UnitCoordinate"/> in [0, 1]; a choice's is the index of the chosen value.
/// A parameter that is inactive in a configuration keeps the coordinate it had before, so it resumes there when a
/// choice activates it again.
/// </summary>
internal sealed class CfoCoordinates
{
    // The finest step on a real range, as in FLAML, before scaling by sqrt(dimension).
    private const double RealResolution = 1e-4;

    private readonly SearchSpace _space;
    private readonly Dictionary<string, int> _indexOf;

    public CfoCoordinates(SearchSpace space)
    {
        _space = space;
        _indexOf = space.Parameters.Select((p, i) => KeyValuePair.Create(p.Path, i)).ToDictionary(StringComparer.Ordinal);
        Dimension = Math.Max(1, space.Parameters.Count);
        var resolutions = space.Parameters.Where(p => UnitCoordinate.IsNumeric(p.Domain))
            .Select(p => UnitCoordinate.Resolution(p.Domain) ?? RealResolution).DefaultIfEmpty(RealResolution);
        MinStep = Math.Sqrt(Dimension) * resolutions.Min();
    }

    /// <summary>The number of coordinates (at least 1).</summary>
    public int Dimension { get; }

    /// <summary>
    /// The step below which the local search has converged: sqrt(dimension) times the finest resolution of a numeric
    /// parameter (one integer cell, or 1e-4 of a real range). FLAML takes the integer parameters only; taking every
    /// numeric parameter lets real ones keep refining in a mixed space.
    /// </summary>
    public double MinStep { get; }

    /// <summary>The parameters, coordinate order.</summary>
    public IReadOnlyList<SearchParameter> Parameters => _space.Parameters;

    /// <summary>True when coordinate <paramref name="index"/> is numeric (false: a choice index).</summary>
    public bool IsNumeric(int index) => UnitCoordinate.IsNumeric(_space.Parameters[index].Domain);

    /// <summary>The coordinates of <paramref name="parameters"/>; parameters it lacks (or holds outside their domain) keep <paramref name="fallback"/>'s.</summary>
    public double[] Encode(ParameterSet parameters, double[] fallback)
    {
        var point = (double[])fallback.Clone();
        foreach (var (path, value) in parameters)
        {
            if (!_indexOf.TryGetValue(path, out var index)) continue;
            var domain = _space.Parameters[index].Domain;
            if (domain is ChoiceDomain choice)
            {
                var position = ChoiceIndex.Of(choice, value);
                if (position >= 0) point[index] = position;
            }
            else if (UnitCoordinate.TryEncode(domain, value, out var coordinate))
                point[index] = coordinate;
        }
        return point;
    }

    /// <summary>The configuration at <paramref name="point"/>, holding only the parameters active there.</summary>
    public ParameterSet Decode(double[] point) => ActiveParameters.Build(_space, (parameter, _) =>
    {
        var x = point[_indexOf[parameter.Path]];
        return parameter.Domain is ChoiceDomain choice ? choice.Choices[(int)x] : UnitCoordinate.Decode(parameter.Domain, x);
    });

    /// <summary>The coordinate indices of the parameters present in <paramref name="parameters"/>.</summary>
    public List<int> ActiveIndices(ParameterSet parameters) =>
        [.. Enumerable.Range(0, _space.Parameters.Count).Where(i => parameters.ContainsKey(_space.Parameters[i].Path))];
}
