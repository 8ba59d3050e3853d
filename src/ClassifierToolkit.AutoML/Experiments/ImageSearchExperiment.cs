using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Text.Json;
using ClassifierToolkit.AutoML.Storage;
using ClassifierToolkit.AutoML.Trials;
using ClassifierToolkit.IO;
using ClassifierToolkit.Pipelines;
using ClassifierToolkit.Training;

namespace ClassifierToolkit.AutoML.Experiments;

/// <summary>
/// A hyperparameter search over an image pipeline: opens (or resumes) the study in its store, runs workers until the
/// budget, target or space ends it, then exports the best trial's model as <c>best.zip</c>, scores it once on the test set
/// and writes the leaderboard and plots. Everything durable is in the store: a killed search resumes from it.
/// </summary>
public sealed class ImageSearchExperiment
{
    /// <summary>The best model's file name in the output folder.</summary>
    public const string BestModelFile = "best.zip";

    private static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(2);
    private readonly ExperimentOptions _options;

    /// <summary>Creates the experiment; the options are checked here.</summary>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public ImageSearchExperiment(ExperimentOptions options)
    {
        options.Validate();
        _options = options;
    }

    /// <summary>Runs the search.</summary>
    /// <param name="trainer">Trains and evaluates trials (the Torch side's implementation).</param>
    /// <param name="progress">Receives a snapshot whenever the trials change; may be null.</param>
    /// <param name="launcher">Starts worker processes when <see cref="ExperimentOptions.Concurrency"/> is above 1.</param>
    /// <param name="cancellationToken">Stops the search: running trials are cancelled and recorded, and the leaderboard is written.</param>
    /// <exception cref="OperationCanceledException">Cancelled; the store is consistent and the search can be resumed.</exception>
    public async Task<ExperimentResult> RunAsync(ITrialTrainer trainer, IProgress<ExperimentProgress>? progress = null, IWorkerLauncher? launcher = null,
        CancellationToken cancellationToken = default)
    {
        if (_options.Concurrency > 1 && launcher is null)
            throw new ArgumentException("Concurrency above 1 runs worker processes and needs a launcher (the console passes one).", nameof(launcher));
        var clock = Stopwatch.StartNew();
        var search = SearchFile.Load(_options.SearchFile, _options.BaseOverrides, trainer.Check);
        var output = Path.GetFullPath(_options.OutputFolder);
        Directory.CreateDirectory(output);
        var storage = string.IsNullOrWhiteSpace(_options.Storage) ? Path.Combine(output, ExperimentStores.DefaultFileName) : _options.Storage;
        await using var store = await ExperimentStores.OpenAsync(storage, Path.Combine(output, ExperimentStores.DefaultFileName), cancellationToken);
        var study = await OpenStudyAsync(store, search, cancellationToken);
        var name = study.Definition.Name;

        // The study as it stands before this run's workers start: a resumed study's earlier trials are not news.
        progress?.Report(new ExperimentProgress(name, await store.GetTrialsAsync(name, cancellationToken), clock.Elapsed, study.Definition.Objective));
        using var monitorStop = new CancellationTokenSource();
        var monitor = MonitorAsync(store, name, clock, progress, monitorStop.Token);
        bool cancelled = false;
        try
        {
            if (_options.Concurrency == 1)
                await new ExperimentWorker(store, name, trainer, new WorkerSettings(output, _options.HeartbeatInterval, _options.HeartbeatTimeout)).RunAsync(cancellationToken);
            else
                await RunWorkerProcessesAsync(launcher!, store, storage, name, output, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            cancelled = true;
        }
        cancelled |= cancellationToken.IsCancellationRequested;
        await monitorStop.CancelAsync();
        await monitor;

        var trials = await store.GetTrialsAsync(name, CancellationToken.None);
        progress?.Report(new ExperimentProgress(name, trials, clock.Elapsed, study.Definition.Objective));
        ExperimentReport.WriteAll(output, name, trials, study.Definition.Objective, study.CreatedUtc);
        if (cancelled) throw new OperationCanceledException("The search was stopped; its trials are recorded and 'ctk automl --resume' continues it.");
        return await FinishAsync(store, search, trainer, name, trials, output, clock);
    }

    private async Task<StudyRecord> OpenStudyAsync(IExperimentStore store, SearchFile search, CancellationToken cancellationToken)
    {
        var name = _options.StudyName ?? search.BasePipeline.Name;
        var existing = await store.FindStudyAsync(name, cancellationToken);
        if (existing is not null && !_options.Resume)
            throw new InvalidOperationException($"Study '{name}' already exists in this storage ({existing.Definition.Tuner}, created {existing.CreatedUtc:u}). Continue it with --resume, or start a new one with --study <name> or another --output.");
        if (existing is null && _options.Resume)
            throw new InvalidOperationException($"There is no study '{name}' to resume in this storage. Run without --resume to start it.");
        var control = new StudyControl(_options.TimeBudget is { } budget ? DateTime.UtcNow + budget : null, _options.MaxTrials,
            _options.Target is { } target ? _options.Objective.ToScore(target) : null, StopRequested: false);
        var definition = new StudyDefinition(name, search.Json, _options.Tuner, PrunerJson(_options.Pruner), _options.Seed, SpecEnum<MonitoredMetric>.Name(_options.Objective));
        var study = await store.CreateStudyAsync(definition, control, cancellationToken);
        if (existing is not null)
        {
            // A resumed search gets the budget given now; the definition (space, tuner, pruner, seed) stays the study's.
            await store.UpdateControlAsync(name, control, cancellationToken);
            study = (await store.FindStudyAsync(name, cancellationToken))!;
        }
        return study;
    }

    private static string PrunerJson(string pruner) => new JsonObject { ["kind"] = pruner }.ToJsonString();

    private async Task RunWorkerProcessesAsync(IWorkerLauncher launcher, IExperimentStore store, string storage, string study, string output, CancellationToken cancellationToken)
    {
        int threadsEach = Math.Max(1, Environment.ProcessorCount / _options.Concurrency);
        var workers = launcher.RunAsync(_options.Concurrency, threadsEach, storage, study, output, CancellationToken.None);
        try
        {
            await workers.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Workers stop through the store: they cancel their running trials, record them and exit.
            var current = (await store.FindStudyAsync(study, CancellationToken.None))!;
            await store.UpdateControlAsync(study, new StudyControl(current.DeadlineUtc, current.MaxTrials, current.TargetScore, StopRequested: true), CancellationToken.None);
            await workers;
            throw;
        }
    }

    private static async Task MonitorAsync(IExperimentStore store, string study, Stopwatch clock, IProgress<ExperimentProgress>? progress, CancellationToken stop)
    {
        if (progress is null) return;
        string objective = (await store.FindStudyAsync(study, CancellationToken.None))!.Definition.Objective;
        string last = "";
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var trials = await store.GetTrialsAsync(study, stop);
                var signature = string.Join(";", trials.Select(t => $"{t.Number}:{t.State}:{t.History.Count}"));
                if (signature != last) progress.Report(new ExperimentProgress(study, trials, clock.Elapsed, objective));
                last = signature;
                await Task.Delay(ProgressInterval, stop);
            }
        }
        catch (OperationCanceledException)
        {
            // The search ended.
        }
    }

    private static async Task<ExperimentResult> FinishAsync(IExperimentStore store, SearchFile search, ITrialTrainer trainer, string study,
        IReadOnlyList<TrialRecord> trials, string output, Stopwatch clock)
    {
        var best = trials.Where(t => t.State == TrialState.Complete && t.Score is not null).OrderByDescending(t => t.Score).ThenBy(t => t.Number).FirstOrDefault();
        if (best is null) return new ExperimentResult(study, trials, null, null, null, null, clock.Elapsed);
        var model = await store.LoadArtifactAsync(study, best.Number, TrialRunner.ModelArtifact, CancellationToken.None)
            ?? throw new InvalidDataException($"The store has no model for the best trial #{best.Number} of study '{study}'.");
        var modelPath = Path.Combine(output, BestModelFile);
        AtomicFile.Write(modelPath, temporary => File.WriteAllBytes(temporary, model));
        var pipeline = search.TrialPipeline(best.Parameters, $"{study}-best");
        AtomicFile.WriteAllText(Path.Combine(output, "best-pipeline.json"), PipelineSpecLoader.ToJson(pipeline));
        AtomicFile.WriteAllText(Path.Combine(output, "best-trial.json"), JsonSerializer.Serialize(new
        {
            trial = best.Number,
            parameters = JsonNode.Parse(best.Parameters.ToJson()),
            score = best.Score,
            epochs = best.History.Count,
            seconds = best.Duration?.TotalSeconds,
        }, new JsonSerializerOptions { WriteIndented = true }));
        var metrics = trainer.Evaluate(pipeline, modelPath, output);
        return new ExperimentResult(study, trials, best, pipeline, modelPath, metrics, clock.Elapsed);
    }
}
