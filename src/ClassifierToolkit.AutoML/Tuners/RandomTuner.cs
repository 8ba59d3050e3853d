using ClassifierToolkit.AutoML.SearchSpaces;
using ClassifierToolkit.AutoML.Trials;

namespace ClassifierToolkit.AutoML.Tuners;

/// <summary>
/// Samples each active parameter independently: uniform, log-uniform, every integer value on the step grid equally
/// likely (log-scaled when <see cref="IntegerDomain.Log"/>), every choice equally likely. In a finite space it does not
/// repeat a told configuration until every configuration was told.
/// </summary>
internal sealed class RandomTuner : ITuner
{
    private readonly int _seed;
    private readonly RandomSampler _sampler;
    private readonly TrialHistory _history = new();

    /// <summary>A random search over <paramref name="space"/>.</summary>
    /// <param name="space">What to search.</param>
    /// <param name="seed">Seeds every proposal (together with the number of trials told).</param>
    public RandomTuner(SearchSpace space, int seed)
    {
        ArgumentNullException.ThrowIfNull(space);
        _seed = seed;
        _sampler = new RandomSampler(space);
    }

    /// <inheritdoc />
    public void Tell(TrialRecord trial) => _history.Tell(trial);

    /// <inheritdoc />
    public ParameterSet? Ask() => _sampler.SampleNew(TunerRandom.For(_seed, _history.Count), _history);
}
