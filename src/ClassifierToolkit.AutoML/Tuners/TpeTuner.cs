using ClassifierToolkit.AutoML.SearchSpaces;
using ClassifierToolkit.AutoML.Trials;

namespace ClassifierToolkit.AutoML.Tuners;

/// <summary>
/// Tree-structured Parzen Estimator (TPE), as in Optuna's default sampler.
/// <list type="bullet">
/// <item>The first <see cref="Options.StartupTrials"/> scored trials are drawn at random.</item>
/// <item>Then the scored trials are ranked (complete ones by score, then pruned ones by epochs reached and score) and
/// the top γ(n) = min(⌈0.1 n⌉, 25) form the good set; the rest, every running trial (the constant liar, so parallel
/// workers spread out) and every failed trial form the bad set. Cancelled trials are left out.</item>
/// <item>Each active parameter is sampled on its own (independent TPE) from estimators fitted only on the trials where it
/// was active: l(x) on the good set, g(x) on the bad one (<see cref="ParzenEstimator"/> in the unit coordinate for
/// numbers, <see cref="CategoricalEstimator"/> for choices; older observations weigh less once there are more than 25).
/// <see cref="Options.CandidateCount"/> candidates are drawn from l and the one maximizing l(x)/g(x) is kept.</item>
/// <item>A configuration already told is redrawn; a random untold one is the last resort.</item>
/// </list>
/// </summary>
internal sealed class TpeTuner : ITuner
{
    /// <summary>Default option values (Optuna's).</summary>
    public static class Defaults
    {
        /// <summary>Random trials before the model takes over.</summary>
        public const int StartupTrials = 10;
        /// <summary>Candidates drawn from l(x) per parameter.</summary>
        public const int CandidateCount = 24;
        /// <summary>Weight of each estimator's prior component.</summary>
        public const double PriorWeight = 1.0;
    }

    /// <summary>TPE settings.</summary>
    public sealed class Options
    {
        /// <summary>Scored (complete or pruned) trials drawn at random before the model takes over.</summary>
        public int StartupTrials { get; set; } = Defaults.StartupTrials;
        /// <summary>Candidates drawn from l(x) per parameter.</summary>
        public int CandidateCount { get; set; } = Defaults.CandidateCount;
        /// <summary>Weight of each estimator's prior component (an observation weighs 1).</summary>
        public double PriorWeight { get; set; } = Defaults.PriorWeight;
    }

    private const double GoodFraction = 0.1;
    private const int MaxGoodTrials = 25;
    // Observations beyond this many (newest first) weigh less and less the older they are.
    private const int FullWeightObservations = 25;
    private const int Attempts = 16;

    private readonly SearchSpace _space;
    private readonly int _seed;
    private readonly Options _options;
    private readonly RandomSampler _sampler;
    private readonly TrialHistory _history = new();

    /// <summary>A TPE search with Optuna's defaults.</summary>
    public TpeTuner(SearchSpace space, int seed) : this(space, seed, new Options()) { }

    /// <summary>A TPE search over <paramref name="space"/>.</summary>
    /// <param name="space">What to search.</param>
    /// <param name="seed">Seeds every proposal (together with the number of trials told).</param>
    /// <param name="options">Settings.</param>
    /// <exception cref="ArgumentException">A setting is out of range; the message names it.</exception>
    public TpeTuner(SearchSpace space, int seed, Options options)
    {
        ArgumentNullException.ThrowIfNull(space);
        ArgumentNullException.ThrowIfNull(options);
        if (options.StartupTrials < 0)
            throw new ArgumentException($"StartupTrials is {options.StartupTrials}, but must be at least 0.", nameof(options));
        if (options.CandidateCount < 1)
            throw new ArgumentException($"CandidateCount is {options.CandidateCount}, but must be at least 1.", nameof(options));
        if (!(options.PriorWeight > 0) || !double.IsFinite(options.PriorWeight))
            throw new ArgumentException($"PriorWeight is {options.PriorWeight}, but must be a positive number.", nameof(options));
        _space = space;
        _seed = seed;
        _options = options;
        _sampler = new RandomSampler(space);
    }

    /// <inheritdoc />
    public void Tell(TrialRecord trial) => _history.Tell(trial);

    /// <inheritdoc />
    public ParameterSet? Ask()
    {
        var random = TunerRandom.For(_seed, _history.Count);
        var scored = _history.Trials.Where(t => t.State is TrialState.Complete or TrialState.Pruned && t.Score is { } s && double.IsFinite(s)).ToList();
        if (scored.Count == 0 || scored.Count < _options.StartupTrials) return _sampler.SampleNew(random, _history);

        var ranked = scored.Where(t => t.State == TrialState.Complete).OrderByDescending(t => t.Score).ThenBy(t => t.Number)
            .Concat(scored.Where(t => t.State == TrialState.Pruned).OrderByDescending(t => t.History.Count).ThenByDescending(t => t.Score).ThenBy(t => t.Number))
            .ToList();
        var goodCount = Math.Clamp((int)Math.Ceiling(GoodFraction * ranked.Count), 1, MaxGoodTrials);
        var good = ranked.Take(goodCount).OrderBy(t => t.Number).ToList();
        var bad = ranked.Skip(goodCount).Concat(_history.Trials.Where(t => t.State is TrialState.Running or TrialState.Failed or TrialState.Lost))
            .OrderBy(t => t.Number).ToList();

        var samplers = new Dictionary<string, Func<Random, ParameterValue>>(StringComparer.Ordinal);
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var candidate = ActiveParameters.Build(_space, (parameter, _) =>
            {
                if (!samplers.TryGetValue(parameter.Path, out var sample))
                    samplers[parameter.Path] = sample = CreateSampler(parameter, good, bad);
                return sample(random);
            });
            if (!_history.Contains(candidate)) return candidate;
        }
        return _sampler.SampleNew(random, _history);
    }

    private Func<Random, ParameterValue> CreateSampler(SearchParameter parameter, List<TrialRecord> good, List<TrialRecord> bad)
    {
        if (parameter.Domain is ChoiceDomain choice)
        {
            int? IndexOf(ParameterValue value) => ChoiceIndex.Of(choice, value) is var i and >= 0 ? i : null;
            var count = choice.Choices.Count;
            var l = Fit(good, parameter.Path, IndexOf, (o, w) => new CategoricalEstimator(count, o, w, _options.PriorWeight));
            var g = Fit(bad, parameter.Path, IndexOf, (o, w) => new CategoricalEstimator(count, o, w, _options.PriorWeight));
            return random => choice.Choices[Best(() => l.Sample(random), i => l.LogDensity(i) - g.LogDensity(i))];
        }
        double? Encode(ParameterValue value) => UnitCoordinate.TryEncode(parameter.Domain, value, out var x) ? x : null;
        var below = Fit(good, parameter.Path, Encode, (o, w) => new ParzenEstimator(o, w, _options.PriorWeight));
        var above = Fit(bad, parameter.Path, Encode, (o, w) => new ParzenEstimator(o, w, _options.PriorWeight));
        return random => UnitCoordinate.Decode(parameter.Domain, Best(() => below.Sample(random), x => below.LogDensity(x) - above.LogDensity(x)));
    }

    // The candidate with the highest score among CandidateCount draws (the first on ties).
    private T Best<T>(Func<T> draw, Func<T, double> score)
    {
        var best = draw();
        var bestScore = score(best);
        for (var i = 1; i < _options.CandidateCount; i++)
        {
            var candidate = draw();
            var candidateScore = score(candidate);
            if (candidateScore > bestScore) (best, bestScore) = (candidate, candidateScore);
        }
        return best;
    }

    // Fits an estimator on the trials (number order) where the parameter was active with a usable value.
    private static TEstimator Fit<TObservation, TEstimator>(List<TrialRecord> trials, string path, Func<ParameterValue, TObservation?> observe,
        Func<IReadOnlyList<TObservation>, IReadOnlyList<double>, TEstimator> create) where TObservation : struct
    {
        var observations = trials.Select(t => t.Parameters.TryGetValue(path, out var v) ? observe(v) : null)
            .Where(o => o.HasValue).Select(o => o!.Value).ToList();
        return create(observations, Weights(observations.Count));
    }

    // Optuna's default weights: 1 for the newest 25 observations, a ramp from 1/n up to 1 for the older ones.
    private static double[] Weights(int count)
    {
        var weights = Enumerable.Repeat(1.0, count).ToArray();
        var ramp = count - FullWeightObservations;
        for (var i = 0; i < ramp; i++)
            weights[i] = ramp == 1 ? 1.0 / count : 1.0 / count + (1.0 - 1.0 / count) * i / (ramp - 1);
        return weights;
    }
}
