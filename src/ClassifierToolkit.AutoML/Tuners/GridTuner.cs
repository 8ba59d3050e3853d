using ClassifierToolkit.AutoML.SearchSpaces;
using ClassifierToolkit.AutoML.Trials;

namespace ClassifierToolkit.AutoML.Tuners;

/// <summary>
/// Tries every point of the space's grid once, in a fixed order (the first parameter varies slowest): every choice, every
/// integer value, and <see cref="Options.PointsPerRange"/> evenly spaced points of each real range (log-spaced for
/// <see cref="LogUniformDomain"/>). A conditional parameter multiplies only the branch where it is active. Every told
/// trial consumes its point, whatever its state; a lost trial is re-offered by the runner, not by the tuner.
/// </summary>
internal sealed class GridTuner : ITuner
{
    /// <summary>Default option values.</summary>
    public static class Defaults
    {
        /// <summary>Points per real range: low, middle, high.</summary>
        public const int PointsPerRange = 3;
    }

    /// <summary>Grid settings.</summary>
    public sealed class Options
    {
        /// <summary>Points per <see cref="UniformDomain"/> or <see cref="LogUniformDomain"/> range, ends included; 1 means the midpoint.</summary>
        public int PointsPerRange { get; set; } = Defaults.PointsPerRange;
    }

    private readonly SearchSpace _space;
    private readonly Options _options;
    private readonly TrialHistory _history = new();

    /// <summary>A grid with <see cref="Defaults.PointsPerRange"/> points per real range.</summary>
    public GridTuner(SearchSpace space) : this(space, new Options()) { }

    /// <summary>A grid over <paramref name="space"/>.</summary>
    /// <exception cref="ArgumentException"><see cref="Options.PointsPerRange"/> is below 1.</exception>
    public GridTuner(SearchSpace space, Options options)
    {
        ArgumentNullException.ThrowIfNull(space);
        ArgumentNullException.ThrowIfNull(options);
        if (options.PointsPerRange < 1)
            throw new ArgumentException($"PointsPerRange is {options.PointsPerRange}, but must be at least 1 (1 tries each range's midpoint, 2 or more spread points from low to high).", nameof(options));
        _space = space;
        _options = options;
    }

    /// <summary>Every grid point, in the order <see cref="Ask"/> proposes them.</summary>
    public IEnumerable<ParameterSet> Points() => SpaceGrid.Points(_space, ValuesOf);

    /// <inheritdoc />
    public void Tell(TrialRecord trial) => _history.Tell(trial);

    /// <inheritdoc />
    public ParameterSet? Ask() => Points().FirstOrDefault(p => !_history.Contains(p));

    private IReadOnlyList<ParameterValue> ValuesOf(ParameterDomain domain) => domain switch
    {
        UniformDomain u => Spread(u.Low, u.High, (low, high, f) => low + f * (high - low)),
        LogUniformDomain l => Spread(l.Low, l.High, (low, high, f) => low * Math.Pow(high / low, f)),
        _ => SpaceGrid.ExactValues(domain) ?? throw new ArgumentException($"A grid cannot enumerate a '{domain.GetType().Name}'.", nameof(domain)),
    };

    private List<ParameterValue> Spread(double low, double high, Func<double, double, double, double> at)
    {
        var count = _options.PointsPerRange;
        if (count == 1) return [ParameterValue.Of(at(low, high, 0.5))];
        // The last point is the bound itself, not low + 1.0 * (high - low) with its rounding error.
        return [.. Enumerable.Range(0, count).Select(i => ParameterValue.Of(i == count - 1 ? high : at(low, high, (double)i / (count - 1))))];
    }
}
