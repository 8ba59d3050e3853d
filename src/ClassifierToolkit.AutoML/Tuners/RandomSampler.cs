using ClassifierToolkit.AutoML.SearchSpaces;
using ClassifierToolkit.AutoML.Trials;

namespace ClassifierToolkit.AutoML.Tuners;

/// <summary>
/// Independent uniform sampling of the active parameters (log-uniform for log scales, every integer value and every
/// choice equally likely), avoiding configurations already told while a finite space has any left.
/// </summary>
internal sealed class RandomSampler
{
    private const int Attempts = 64;
    // Beyond this many configurations a finite space is not listed to find an untold one; 64 misses cannot happen there.
    private const double MaxListedSize = 1e6;

    private readonly SearchSpace _space;
    private readonly double? _finiteSize;

    public RandomSampler(SearchSpace space)
    {
        _space = space;
        _finiteSize = SpaceGrid.FiniteSize(space);
    }

    /// <summary>A uniformly drawn value of <paramref name="domain"/>.</summary>
    public static ParameterValue SampleValue(ParameterDomain domain, Random random) => domain is ChoiceDomain choice
        ? choice.Choices[random.Next(choice.Choices.Count)]
        : UnitCoordinate.Decode(domain, random.NextDouble());

    /// <summary>A configuration drawn without regard to the history.</summary>
    public ParameterSet Sample(Random random) => ActiveParameters.Build(_space, (p, _) => SampleValue(p.Domain, random));

    /// <summary>A configuration no told trial used, unless the space is finite and every configuration was told.</summary>
    public ParameterSet SampleNew(Random random, TrialHistory history)
    {
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var candidate = Sample(random);
            if (!history.Contains(candidate)) return candidate;
        }
        if (_finiteSize is { } size && size <= MaxListedSize)
        {
            var untold = SpaceGrid.Points(_space, d => SpaceGrid.ExactValues(d)!).Where(p => !history.Contains(p)).ToList();
            if (untold.Count > 0) return untold[random.Next(untold.Count)];
        }
        return Sample(random);
    }
}
