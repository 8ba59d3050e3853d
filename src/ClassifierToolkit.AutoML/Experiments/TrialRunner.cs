using ClassifierToolkit.AutoML.Pruning;
using ClassifierToolkit.AutoML.Storage;
using ClassifierToolkit.AutoML.Trials;
using ClassifierToolkit.Pipelines;
using ClassifierToolkit.Training;

namespace ClassifierToolkit.AutoML.Experiments;

/// <summary>
/// Runs one started trial to a final state: builds its pipeline (a refused combination fails the trial before training),
/// trains it through the trainer with a heartbeat, reports every epoch to the store and asks the pruner, and records how
/// it ended — complete (with the model stored as an artefact), pruned (with the model when it trained long enough), failed (with the reason) or cancelled.
/// </summary>
internal sealed class TrialRunner(IExperimentStore store, ITrialTrainer trainer, WorkerSettings settings)
{
    public const string ModelArtifact = "model.zip";
    // How often a running trial reads the study's stop flag.
    private static readonly TimeSpan StopCheckInterval = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Whether a trial's model is stored: a complete trial's always; a pruned trial's when it trained at least a quarter of its
    /// epochs. On a small budget pruning stops good trials too (a rung compares them with the best so far), and their models
    /// are often worth a place in the ensemble chosen after the search; models pruned after an epoch or two rarely are.
    /// </summary>
    public static bool KeepsModel(TrialState state, int epochsRun, int epochsPlanned) =>
        state == TrialState.Complete || state == TrialState.Pruned && epochsRun * 4 >= epochsPlanned;

    public async Task RunAsync(StudyRecord study, SearchFile search, TrialRecord trial, CancellationToken cancellationToken)
    {
        var name = study.Definition.Name;
        var scoring = new TrialScoring(SpecEnum<MonitoredMetric>.TryParse(study.Definition.Objective) ?? MonitoredMetric.ValAccuracy);
        PipelineSpec spec;
        try
        {
            spec = search.TrialPipeline(trial.Parameters, $"{name}-trial-{trial.Number}");
            trainer.Check(spec);
        }
        catch (PipelineSpecException e)
        {
            await store.FinishTrialAsync(name, trial.Number, new TrialOutcome(TrialState.Failed, null, $"configuration refused: {e.Message}"), CancellationToken.None);
            return;
        }

        using var trialCancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (study.DeadlineUtc is { } deadline) trialCancellation.CancelAfter(Clamp(deadline - DateTime.UtcNow));
        var stop = new StopReason();
        var heartbeat = HeartbeatAsync(name, trial.Number, study.DeadlineUtc, stop, trialCancellation);
        // A starting point is trained to the end: it is known to work, and its first epochs say little (a wider network or a
        // one-cycle schedule starts slower); ASHA stopped the portfolio's width-2 recipe after epoch 1 of 12 it would have won.
        ITrialPruner pruner = TrialSources.IsStartingPoint(trial) ? new NoPruner() : PrunerFactory.FromJson(study.Definition.Pruner);
        bool pruned = false;
        IReadOnlyList<double> scores = [];
        bool OnEpoch(EpochMetrics metrics)
        {
            // Training callbacks are synchronous and run on the training thread (no synchronization context), so the store
            // is awaited here; the decision must be known before the next epoch starts.
            if (!store.ReportEpochAsync(name, trial.Number, metrics, CancellationToken.None).GetAwaiter().GetResult()) return true;
            var trials = store.GetTrialsAsync(name, CancellationToken.None).GetAwaiter().GetResult();
            var self = trials.First(t => t.Number == trial.Number);
            scores = scoring.Scores(self);
            var report = new TrialReport(self, scores, spec.Training.Epochs, scoring.Study(trials));
            pruned = pruner.Decide(report) == TrialDecision.Stop && metrics.Epoch < spec.Training.Epochs;
            return !pruned;
        }

        TrialOutcome outcome;
        TrialTrainingResult? result = null;
        var folder = Path.Combine(settings.OutputFolder, "trials", trial.Number.ToString(System.Globalization.CultureInfo.InvariantCulture));
        try
        {
            result = await Task.Run(() => trainer.Train(spec, folder, OnEpoch, trialCancellation.Token), CancellationToken.None);
            double? score = pruned ? scores[^1] : scoring.Final(result.History, spec.Training.KeepBest);
            outcome = pruned ? new TrialOutcome(TrialState.Pruned, score, $"pruned after epoch {result.History.Count}")
                : score is null ? new TrialOutcome(TrialState.Failed, null, "no validation metrics: set data.validationFraction above 0 so trials can be compared")
                : new TrialOutcome(TrialState.Complete, score);
        }
        catch (OperationCanceledException)
        {
            outcome = new TrialOutcome(TrialState.Cancelled, null, stop.Reason
                ?? (cancellationToken.IsCancellationRequested ? "stopped by the user" : "time budget reached"));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            outcome = new TrialOutcome(TrialState.Failed, null, e.Message);
        }
        catch (OutOfMemoryException e)
        {
            outcome = new TrialOutcome(TrialState.Failed, null, $"out of memory: {e.Message}");
        }
        await trialCancellation.CancelAsync();
        await heartbeat;
        if (result is not null && KeepsModel(outcome.State, result.History.Count, spec.Training.Epochs))
            await store.SaveArtifactAsync(name, trial.Number, ModelArtifact, await File.ReadAllBytesAsync(result.ModelPath, CancellationToken.None), CancellationToken.None);
        // False when the trial was meanwhile marked lost: the store keeps that verdict.
        await store.FinishTrialAsync(name, trial.Number, outcome, CancellationToken.None);
    }

    // Keeps the trial alive in the store, and cancels it when the study is stopped or the store gave it up as lost. The stop flag
    // is read more often than the heartbeat is sent: a stop from another process (ctk ui, a second console) should act promptly.
    // A deadline moved meanwhile (the refit's share given to the search, RefitShareRelease) moves the trial's own.
    private async Task HeartbeatAsync(string study, int trial, DateTime? deadline, StopReason stop, CancellationTokenSource trialCancellation)
    {
        var tick = settings.HeartbeatInterval < StopCheckInterval ? settings.HeartbeatInterval : StopCheckInterval;
        var lastBeat = DateTime.UtcNow;
        try
        {
            while (true)
            {
                await Task.Delay(tick, trialCancellation.Token);
                if (DateTime.UtcNow - lastBeat >= settings.HeartbeatInterval)
                {
                    lastBeat = DateTime.UtcNow;
                    if (!await store.HeartbeatAsync(study, trial, trialCancellation.Token))
                        stop.Set("the store marked this trial lost (its heartbeat was late)");
                }
                var current = await store.FindStudyAsync(study, trialCancellation.Token);
                if (current?.StopRequested == true)
                    stop.Set("the study was stopped");
                if (current?.DeadlineUtc is { } moved && moved != deadline)
                {
                    deadline = moved;
                    trialCancellation.CancelAfter(Clamp(moved - DateTime.UtcNow));
                }
                if (stop.Reason is not null)
                {
                    await trialCancellation.CancelAsync();
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The trial ended.
        }
    }

    private static TimeSpan Clamp(TimeSpan remaining) => remaining < TimeSpan.Zero ? TimeSpan.Zero : remaining;

    private sealed class StopReason
    {
        public string? Reason { get; private set; }
        public void Set(string reason) => Reason ??= reason;
    }
}
