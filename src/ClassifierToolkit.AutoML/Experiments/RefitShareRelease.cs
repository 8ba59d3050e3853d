using System.Globalization;
using ClassifierToolkit.AutoML.Storage;
using ClassifierToolkit.AutoML.Trials;
using ClassifierToolkit.Pipelines;

namespace ClassifierToolkit.AutoML.Experiments;

/// <summary>
/// Gives the refit's share of a time budget back to the search when the refit could not use it. The share is kept from the
/// start, before any trial's cost is known; once the best complete trial's refit is estimated to take longer than the share
/// (a slow model family won), the refit would be skipped at the end and the share left unused, so the study's deadline moves
/// to where it would be without a refit. Running trials pick the later deadline up (<see cref="TrialRunner"/>).
/// </summary>
internal sealed class RefitShareRelease
{
    private readonly TimeSpan _share;
    private readonly Func<TrialRecord, PipelineSpec> _pipeline;
    private readonly MonitoredMetric _objective;
    private int? _checkedLeader;

    /// <param name="share">The time kept for the refit.</param>
    /// <param name="pipeline">A trial's resolved pipeline.</param>
    /// <param name="objective">The study's objective, which picks the refit's epoch count.</param>
    public RefitShareRelease(TimeSpan share, Func<TrialRecord, PipelineSpec> pipeline, MonitoredMetric objective)
    {
        _share = share;
        _pipeline = pipeline;
        _objective = objective;
    }

    /// <summary>Why the share went to the search, once it has; null until then.</summary>
    public string? Released { get; private set; }

    /// <summary>The refit of the best complete trial among <paramref name="trials"/> when it is estimated to outgrow the share; else null.</summary>
    public (TrialRecord Best, TimeSpan Estimate)? Outgrown(IReadOnlyList<TrialRecord> trials)
    {
        if (Leaderboard.BestComplete(trials) is not { } best) return null;
        var pipeline = _pipeline(best);
        var plan = BestTrialRefit.Plan(best, pipeline, _objective, enabled: true, timeLeft: null);
        return BestTrialRefit.Estimate(best, pipeline.Data, plan.Epochs) is { } estimate && estimate > _share ? (best, estimate) : null;
    }

    /// <summary>
    /// Given the study's trials as just read, moves its deadline by the share once the refit outgrows it (once). The estimate is
    /// worked out again only when another trial leads, so the caller may call this on every read of the store.
    /// </summary>
    public async Task CheckAsync(IExperimentStore store, string study, IReadOnlyList<TrialRecord> trials, CancellationToken cancellationToken)
    {
        if (Released is not null || Leaderboard.BestComplete(trials) is not { } leader || leader.Number == _checkedLeader) return;
        _checkedLeader = leader.Number;
        if (Outgrown(trials) is not { } outgrown) return;
        var control = (await store.FindStudyAsync(study, cancellationToken))!;
        if (control.DeadlineUtc is not { } deadline) return;
        await store.UpdateControlAsync(study, new StudyControl(deadline + _share, control.MaxTrials, control.TargetScore, control.StopRequested), cancellationToken);
        Released = string.Create(CultureInfo.InvariantCulture,
            $"trial {outgrown.Best.Number}'s refit was estimated at {outgrown.Estimate.TotalSeconds:F0} s as soon as it led, more than the {_share.TotalSeconds:F0} s kept for a refit, so the search's trials got that time");
    }
}
