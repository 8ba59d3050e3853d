using ClassifierToolkit.AutoML.Trials;

namespace ClassifierToolkit.AutoML.Tuners;

/// <summary>
/// What a tuner was told: the trials by number (a trial told again, e.g. running and later complete, replaces its
/// earlier record) and the configurations they used.
/// </summary>
internal sealed class TrialHistory
{
    private readonly SortedDictionary<int, TrialRecord> _trials = [];
    private HashSet<ParameterSet>? _configurations;

    /// <summary>Records <paramref name="trial"/>, replacing an earlier record with the same number.</summary>
    public void Tell(TrialRecord trial)
    {
        ArgumentNullException.ThrowIfNull(trial);
        var replaces = _trials.ContainsKey(trial.Number);
        _trials[trial.Number] = trial;
        if (replaces) _configurations = null; // the replaced record's configuration may be gone: rebuild when next asked
        else _configurations?.Add(trial.Parameters);
    }

    /// <summary>The trials in number order.</summary>
    public IReadOnlyCollection<TrialRecord> Trials => _trials.Values;

    /// <summary>How many distinct trials were told; seeds the next proposal's random stream.</summary>
    public int Count => _trials.Count;

    /// <summary>True when some trial (in any state) used <paramref name="parameters"/>.</summary>
    public bool Contains(ParameterSet parameters) =>
        (_configurations ??= [.. _trials.Values.Select(t => t.Parameters)]).Contains(parameters);
}
