using ClassifierToolkit.AutoML.Trials;

namespace ClassifierToolkit.AutoML.Tuners;

/// <summary>
/// The state of CFO's local search (FLAML's FLOW2), rebuilt by replaying the told trials in number order; nothing else
/// feeds it, which is what lets a fresh tuner continue a search exactly.
/// <list type="bullet">
/// <item>The first complete trial becomes the incumbent; a later complete trial with a higher score replaces it. Trials with a
/// source (starting points: portfolio recipes, earlier studies' trials) only compete for the incumbent.</item>
/// <item>Every other trial (running, pruned, failed, or complete but not better) is a proposal that did not improve.</item>
/// <item>After <see cref="StallLimit"/> proposals without improvement the step shrinks by sqrt(K_old / K), K counting the
/// trials so far (first K_old: the trial that found the incumbent), then again every two proposals, so the step decays
/// like 1/sqrt(trials) while the search is stuck; an improvement undoes the last shrink.</item>
/// <item>When the step falls below <see cref="CfoCoordinates.MinStep"/> the search has converged and restarts: the
/// incumbent is dropped and the next complete trial (a random point) becomes the new one.</item>
/// </list>
/// Cancelled trials carry no information and are skipped.
/// </summary>
internal sealed class CfoSearch
{
    private readonly CfoCoordinates _coordinates;
    private readonly double[] _start;
    private int _processed, _k, _oldK, _foundAt;

    private CfoSearch(CfoCoordinates coordinates, double[] start)
    {
        _coordinates = coordinates;
        _start = start;
        MaxStep = Math.Sqrt(coordinates.Dimension);
        InitialStep = Math.Min(MaxStep, Math.Max(0.1 * MaxStep, 2 * coordinates.MinStep));
        StallLimit = 1 << Math.Min(9, coordinates.Dimension);
        Step = InitialStep;
    }

    /// <summary>The step a (re)started search begins with: 0.1 sqrt(dimension), at least twice the lower bound.</summary>
    public double InitialStep { get; }

    /// <summary>The largest step, the diagonal of the unit cube.</summary>
    public double MaxStep { get; }

    /// <summary>Proposals without improvement before the step first shrinks: 2^min(9, dimension).</summary>
    public int StallLimit { get; }

    /// <summary>The current step.</summary>
    public double Step { get; private set; }

    /// <summary>The incumbent's coordinates, or null before a first complete trial and after a restart.</summary>
    public double[]? Incumbent { get; private set; }

    /// <summary>The incumbent's configuration.</summary>
    public ParameterSet? IncumbentParameters { get; private set; }

    /// <summary>The incumbent's score.</summary>
    public double IncumbentScore { get; private set; }

    /// <summary>Proposals made from the incumbent (kept at the same parity when the step shrinks): odd means the last
    /// one was a new direction whose opposite is still to try.</summary>
    public int SinceMove { get; private set; }

    /// <summary>The coordinates of the latest proposal from the incumbent, or null.</summary>
    public double[]? Last { get; private set; }

    /// <summary>How many times the search converged and restarted.</summary>
    public int Restarts { get; private set; }

    /// <summary>Replays <paramref name="trials"/> (number order) from the start point <paramref name="start"/>.</summary>
    public static CfoSearch Replay(CfoCoordinates coordinates, double[] start, IEnumerable<TrialRecord> trials)
    {
        var search = new CfoSearch(coordinates, start);
        foreach (var trial in trials) search.Observe(trial);
        return search;
    }

    private void Observe(TrialRecord trial)
    {
        if (trial.State == TrialState.Cancelled) return;
        if (trial.Source is not null)
        {
            // A starting point (a portfolio recipe, an earlier study's trial), not a move of this search: it becomes the incumbent when
            // it scores best so far (FLAML's points_to_evaluate), and otherwise neither counts as a failed move nor shrinks the step.
            if (trial.State == TrialState.Complete && trial.Score is { } seeded && double.IsFinite(seeded) && (Incumbent is null || seeded > IncumbentScore))
                MoveTo(trial, seeded);
            return;
        }
        _processed++;
        var score = trial.State == TrialState.Complete && trial.Score is { } s && double.IsFinite(s) ? s : (double?)null;
        if (Incumbent is null)
        {
            if (score is { } first) MoveTo(trial, first);
            return;
        }
        SinceMove++;
        Last = _coordinates.Encode(trial.Parameters, Incumbent);
        if (score > IncumbentScore)
        {
            MoveTo(trial, score.Value);
            if (_k > 0) Step = Math.Min(MaxStep, Step * Math.Sqrt((double)_k / _oldK));
            return;
        }
        if (SinceMove < StallLimit) return;
        SinceMove -= 2;
        _oldK = _k > 0 ? _k : _foundAt;
        _k = _processed + 1;
        Step *= Math.Sqrt((double)_oldK / _k);
        if (Step < _coordinates.MinStep) Restart();
    }

    private void MoveTo(TrialRecord trial, double score)
    {
        Incumbent = _coordinates.Encode(trial.Parameters, Incumbent ?? _start);
        IncumbentParameters = trial.Parameters;
        IncumbentScore = score;
        SinceMove = 0;
        Last = null;
        _foundAt = _processed;
    }

    private void Restart()
    {
        Incumbent = null;
        IncumbentParameters = null;
        Last = null;
        SinceMove = 0;
        Step = InitialStep;
        _k = _oldK = 0;
        Restarts++;
    }
}
