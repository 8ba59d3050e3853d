using ClassifierToolkit.AutoML.SearchSpaces;
using ClassifierToolkit.AutoML.Trials;

namespace ClassifierToolkit.AutoML.Tuners;

/// <summary>
/// Cost-frugal optimization (CFO, FLAML's FLOW2 local search): a randomized direct search in the unit cube of
/// normalized parameters (log-scaled where the domain is), starting from a low-cost point.
/// <list type="bullet">
/// <item>Start: each numeric parameter at the middle of its (log-)normalized range, or at its low end when listed in
/// <see cref="Options.CostRelatedPaths"/> (e.g. epochs or width, whose low end trains fastest); each choice at its
/// first value.</item>
/// <item>From the incumbent x with step δ it tries x + δu for a random unit direction u, then x − δu, and moves to the
/// first that scores higher. The step adapts as <see cref="CfoSearch"/> describes, and a converged search restarts
/// from a random point.</item>
/// <item>Choices (unordered) are perturbed instead of moved: each active choice switches to a uniformly drawn other
/// value with probability min(1/2, (k − 1) δ / sqrt(d)) for k values in d dimensions, so choices change often while
/// the step is large and settle as it shrinks (FLAML's bucket encoding behaves alike on average).</item>
/// <item>Pruned, failed and running trials count as proposals that did not improve; a told configuration (running
/// ones included, so parallel workers get different points) is not proposed again: the opposite direction or a new
/// one is tried, with a growing step when many land on told points, and a random untold point last.</item>
/// </list>
/// </summary>
internal sealed class CfoTuner : ITuner
{
    /// <summary>CFO settings.</summary>
    public sealed class Options
    {
        /// <summary>
        /// Numeric parameters whose cost grows with their value (e.g. <c>training.epochs</c>,
        /// <c>model.settings.width</c>); the search starts them at their low end. Others start mid-range.
        /// </summary>
        public IReadOnlyList<string> CostRelatedPaths { get; set; } = [];
    }

    // New directions tried before falling back to a random untold point; the step doubles every 4 attempts.
    private const int Attempts = 32;

    private readonly int _seed;
    private readonly CfoCoordinates _coordinates;
    private readonly RandomSampler _sampler;
    private readonly double[] _start;
    private readonly ParameterSet _startParameters;
    private readonly TrialHistory _history = new();

    /// <summary>A CFO search starting mid-range.</summary>
    public CfoTuner(SearchSpace space, int seed) : this(space, seed, new Options()) { }

    /// <summary>A CFO search over <paramref name="space"/>.</summary>
    /// <param name="space">What to search.</param>
    /// <param name="seed">Seeds every proposal (together with the number of trials told).</param>
    /// <param name="options">Settings.</param>
    /// <exception cref="ArgumentException">A cost-related path is not a numeric parameter of the space.</exception>
    public CfoTuner(SearchSpace space, int seed, Options options)
    {
        ArgumentNullException.ThrowIfNull(space);
        ArgumentNullException.ThrowIfNull(options);
        var numeric = space.Parameters.Where(p => UnitCoordinate.IsNumeric(p.Domain)).Select(p => p.Path).ToList();
        foreach (var path in options.CostRelatedPaths)
            if (!numeric.Contains(path, StringComparer.Ordinal))
                throw new ArgumentException($"CostRelatedPaths names '{path}', which is not a numeric search parameter " +
                    $"(numeric parameters: {(numeric.Count == 0 ? "none" : string.Join(", ", numeric))}).", nameof(options));
        _seed = seed;
        _coordinates = new CfoCoordinates(space);
        _sampler = new RandomSampler(space);
        _start = [.. space.Parameters.Select(p => !UnitCoordinate.IsNumeric(p.Domain) ? 0.0
            : options.CostRelatedPaths.Contains(p.Path, StringComparer.Ordinal) ? 0.0 : 0.5)];
        _startParameters = _coordinates.Decode(_start);
    }

    /// <inheritdoc />
    public void Tell(TrialRecord trial) => _history.Tell(trial);

    /// <inheritdoc />
    public ParameterSet? Ask()
    {
        var search = CfoSearch.Replay(_coordinates, _start, _history.Trials);
        var random = TunerRandom.For(_seed, _history.Count);
        if (search.Incumbent is null)
            return search.Restarts == 0 && !_history.Contains(_startParameters) ? _startParameters : _sampler.SampleNew(random, _history);
        return Propose(search, search.Incumbent, random) ?? _sampler.SampleNew(random, _history);
    }

    private ParameterSet? Propose(CfoSearch search, double[] incumbent, Random random)
    {
        var active = _coordinates.ActiveIndices(search.IncumbentParameters!);
        var numeric = active.Where(_coordinates.IsNumeric).ToList();
        var choices = active.Where(i => !_coordinates.IsNumeric(i)).ToList();
        if (search.SinceMove % 2 == 1 && search.Last is { } last)
        {
            var away = numeric.Select(i => last[i] - incumbent[i]).ToArray();
            var norm = Math.Sqrt(away.Sum(a => a * a));
            if (norm > 0)
            {
                var opposite = Move(incumbent, numeric, [.. away.Select(a => -a / norm)], search.Step, choices, random);
                if (!_history.Contains(opposite)) return opposite;
            }
        }
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var step = Math.Min(search.MaxStep, search.Step * Math.Pow(2, attempt / 4));
            var candidate = Move(incumbent, numeric, RandomUnitVector(numeric.Count, random), step, choices, random);
            if (!_history.Contains(candidate)) return candidate;
        }
        return null;
    }

    private ParameterSet Move(double[] from, List<int> numeric, double[] direction, double step, List<int> choices, Random random)
    {
        var point = (double[])from.Clone();
        for (var j = 0; j < numeric.Count; j++)
            point[numeric[j]] = Math.Clamp(from[numeric[j]] + step * direction[j], 0, 1);
        foreach (var index in choices)
        {
            var count = ((ChoiceDomain)_coordinates.Parameters[index].Domain).Choices.Count;
            if (count < 2 || random.NextDouble() >= Math.Min(0.5, (count - 1) * step / Math.Sqrt(_coordinates.Dimension))) continue;
            var other = random.Next(count - 1);
            point[index] = other >= (int)from[index] ? other + 1 : other;
        }
        return _coordinates.Decode(point);
    }

    private static double[] RandomUnitVector(int dimension, Random random)
    {
        if (dimension == 0) return [];
        while (true)
        {
            var vector = Enumerable.Range(0, dimension).Select(_ => random.NextGaussian()).ToArray();
            var norm = Math.Sqrt(vector.Sum(v => v * v));
            if (norm > 1e-12) return [.. vector.Select(v => v / norm)];
        }
    }
}
