using System.Diagnostics;
using ClassifierToolkit.AutoML.Storage;
using ClassifierToolkit.AutoML.Trials;
using ClassifierToolkit.AutoML.Tuners;
using ClassifierToolkit.Training;

namespace ClassifierToolkit.AutoML.Experiments;

/// <summary>
/// Works on one study until it is done: asks the study's tuner (rebuilt from the store) for a configuration under the
/// store's lock, trains it, records the outcome, and repeats — until the time or trial budget, the target, the tuner's
/// space or a stop request ends the study. Any number of workers, in any number of processes and machines, can share a
/// study; a worker that dies leaves a running trial whose heartbeat stops, which the others mark lost and offer again once.
/// </summary>
public sealed class ExperimentWorker
{
    // Starting a trial with less time left than this only produces a cancelled trial.
    private static readonly TimeSpan MinimumTrialTime = TimeSpan.FromSeconds(5);

    private readonly IExperimentStore _store;
    private readonly string _study;
    private readonly ITrialTrainer _trainer;
    private readonly WorkerSettings _settings;

    /// <summary>A worker on <paramref name="study"/> in <paramref name="store"/>, training through <paramref name="trainer"/>.</summary>
    public ExperimentWorker(IExperimentStore store, string study, ITrialTrainer trainer, WorkerSettings settings)
    {
        _store = store;
        _study = study;
        _trainer = trainer;
        _settings = settings;
    }

    /// <summary>Runs trials until the study is done or <paramref name="cancellationToken"/> fires (the running trial is then recorded as cancelled).</summary>
    /// <returns>How many trials this worker ran.</returns>
    /// <exception cref="InvalidOperationException">No such study.</exception>
    public async Task<int> RunAsync(CancellationToken cancellationToken = default)
    {
        var study = await _store.FindStudyAsync(_study, cancellationToken)
            ?? throw new InvalidOperationException($"There is no study '{_study}' in this storage. Start it with 'ctk automl <search.json> --storage ... --study {_study}' first.");
        var search = SearchFile.Parse(study.Definition.PipelineJson, $"study '{_study}'", check: _trainer.Check);
        var runner = new TrialRunner(_store, _trainer, _settings);
        int ran = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            study = (await _store.FindStudyAsync(_study, cancellationToken))!;
            if (study.StopRequested || study.DeadlineUtc is { } deadline && deadline - DateTime.UtcNow < MinimumTrialTime) break;
            await MarkLostTrialsAsync(cancellationToken);
            var trial = await _store.StartTrialAsync(_study, WorkerSettings.WorkerId, trials => Propose(study, search, trials), cancellationToken);
            if (trial is null) break;
            await runner.RunAsync(study, search, trial, cancellationToken);
            ran++;
        }
        return ran;
    }

    /// <summary>The next trial of <paramref name="study"/> given every trial so far, or null when the study is done: a lost trial's
    /// configuration again (once), else the study's next untried starting point (an earlier study's trial, a portfolio recipe), else
    /// the tuner's proposal.</summary>
    internal static TrialProposal? Propose(StudyRecord study, SearchFile search, IReadOnlyList<TrialRecord> trials)
    {
        // Trials imported from an earlier study were not started by this one: they do not use its trial budget.
        if (study.MaxTrials is { } max && trials.Count(t => !TrialSources.IsImported(t)) >= max) return null;
        if (study.TargetScore is { } target && trials.Any(t => t.State == TrialState.Complete && t.Score >= target)) return null;
        // A lost trial's configuration is offered again, once.
        var retried = trials.Where(t => t.RetryOf is not null).Select(t => t.RetryOf!.Value).ToHashSet();
        var lost = trials.FirstOrDefault(t => t.State == TrialState.Lost && t.RetryOf is null && !retried.Contains(t.Number));
        if (lost is not null) return new TrialProposal(lost.Parameters, lost.Number) { Source = lost.Source };
        if (StartingPoint.Next(StartingPoint.Read(study.Definition.StartingPoints), trials) is { } point)
            return new TrialProposal(point.Parameters) { Source = point.Source };
        var tuner = TunerFactory.Create(study.Definition.Tuner, search.Space, study.Definition.Seed);
        foreach (var trial in trials) tuner.Tell(trial);
        return tuner.Ask() is { } parameters ? new TrialProposal(parameters) : null;
    }

    // Trials whose heartbeat stopped, and trials of workers on this machine whose process is gone (a killed run being
    // resumed need not wait for the heartbeat timeout).
    private async Task MarkLostTrialsAsync(CancellationToken cancellationToken)
    {
        await _store.MarkLostTrialsAsync(_study, _settings.HeartbeatTimeout, cancellationToken);
        foreach (var trial in await _store.GetTrialsAsync(_study, cancellationToken))
        {
            if (trial.State == TrialState.Running && IsDeadLocalWorker(trial.Worker))
                await _store.FinishTrialAsync(_study, trial.Number, StoreContract.Lost, cancellationToken);
        }
    }

    private static bool IsDeadLocalWorker(string worker)
    {
        var parts = worker.Split(':');
        if (parts.Length != 2 || parts[0] != Environment.MachineName || !int.TryParse(parts[1], out var pid) || pid == Environment.ProcessId) return false;
        try
        {
            using var process = Process.GetProcessById(pid);
            return process.HasExited;
        }
        catch (ArgumentException)
        {
            return true;
        }
    }
}
