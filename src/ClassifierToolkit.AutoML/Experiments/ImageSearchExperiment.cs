using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Text.Json;
using ClassifierToolkit.AutoML.Selection;
using ClassifierToolkit.AutoML.Storage;
using ClassifierToolkit.AutoML.Trials;
using ClassifierToolkit.Data.Sources;
using ClassifierToolkit.Evaluation;
using ClassifierToolkit.IO;
using ClassifierToolkit.Pipelines;
using ClassifierToolkit.Training;

namespace ClassifierToolkit.AutoML.Experiments;

/// <summary>
/// A hyperparameter search over an image pipeline: opens (or resumes) the study in its store, runs workers until the
/// budget, target or space ends it, then exports the best trial's model as <c>best.zip</c>, refits its configuration on
/// training + validation data when that is on, safe and fits the budget (<see cref="ExperimentRefit"/>), scores <c>best.zip</c>
/// once on the test set and writes the leaderboard and plots. Everything durable is in the store: a killed search resumes from it.
/// </summary>
public sealed class ImageSearchExperiment
{
    /// <summary>The best model's file name in the output folder.</summary>
    public const string BestModelFile = "best.zip";
    /// <summary>The search's own best model when a refit model replaced it as <see cref="BestModelFile"/>.</summary>
    public const string SearchModelFile = "best-search.zip";

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
    /// <param name="cancellationToken">Stops the search: running trials are cancelled and recorded, and the leaderboard is written.
    /// Once the search is over, it stops only the refit: the best trial's model is kept as best.zip and tested.</param>
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
        var release = RefitShareOf(search, study);
        var monitor = MonitorAsync(store, name, clock, progress, release, monitorStop.Token);
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
        return await FinishAsync(store, search, trainer, study, trials, output, clock, release?.Released, cancellationToken);
    }

    private async Task<StudyRecord> OpenStudyAsync(IExperimentStore store, SearchFile search, CancellationToken cancellationToken)
    {
        var name = _options.StudyName ?? search.BasePipeline.Name;
        var existing = await store.FindStudyAsync(name, cancellationToken);
        if (existing is not null && !_options.Resume)
            throw new InvalidOperationException($"Study '{name}' already exists in this storage ({existing.Definition.Tuner}, created {existing.CreatedUtc:u}). Continue it with --resume, or start a new one with --study <name> or another --output.");
        if (existing is null && _options.Resume)
            throw new InvalidOperationException($"There is no study '{name}' to resume in this storage. Run without --resume to start it.");
        var control = new StudyControl(SearchTimeBudget(search.BasePipeline.Data) is { } budget ? DateTime.UtcNow + budget : null, _options.MaxTrials,
            _options.Target is { } target ? _options.Objective.ToScore(target) : null, StopRequested: false);
        var definition = new StudyDefinition(name, search.Json, _options.Tuner, PrunerJson(_options.Pruner), _options.Seed, SpecEnum<MonitoredMetric>.Name(_options.Objective));
        // What a study starts from is decided once, when it is created: a resumed study keeps its own.
        var warmStart = existing is null && _options.WarmStart is { } source
            ? await WarmStart.ReadAsync(source, _options.WarmStartStudy, name, search, definition.Objective, cancellationToken) : WarmStart.None;
        var startingPoints = existing is not null ? StartingPoint.Read(existing.Definition.StartingPoints)
            : [.. warmStart.Reruns, .. _options.Portfolio ? Portfolios.Portfolio.For(search) : []];
        definition = definition with { StartingPoints = StartingPoint.Write(startingPoints) };
        var study = await store.CreateStudyAsync(definition, control, cancellationToken);
        if (warmStart.Imports.Count > 0) await ((IStudyImport)store).ImportTrialsAsync(name, warmStart.Imports, cancellationToken);
        if (existing is not null)
        {
            // A resumed search gets the budget given now; the definition (space, tuner, pruner, seed) stays the study's.
            await store.UpdateControlAsync(name, control, cancellationToken);
            study = (await store.FindStudyAsync(name, cancellationToken))!;
        }
        return study;
    }

    // The part of the time budget the trials may use: the rest is kept for the selection and test, and for the refit when it can happen.
    private TimeSpan? SearchTimeBudget(DataSpec data)
    {
        bool refit = _options.Refit && data.ValidationFraction > 0 && !ImageDataSources.Get(data.Source).TestsOnValidation(data);
        return _options.TimeBudget is { } budget ? ExperimentOptions.TrialShare(budget, refit, _options.RefitShareFrom) : null;
    }

    // Watches for a refit too slow for the time kept for it, when some was kept.
    private RefitShareRelease? RefitShareOf(SearchFile search, StudyRecord study)
    {
        if (_options.TimeBudget is not { } budget || SearchTimeBudget(search.BasePipeline.Data) is not { } trials) return null;
        var share = ExperimentOptions.TrialShare(budget, refit: false) - trials;
        var objective = SpecEnum<MonitoredMetric>.TryParse(study.Definition.Objective) ?? _options.Objective;
        return share > TimeSpan.Zero ? new RefitShareRelease(share, t => search.TrialPipeline(t.Parameters, study.Definition.Name), objective) : null;
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

    // One read of the trials every ProgressInterval serves the progress and the refit share's release.
    private static async Task MonitorAsync(IExperimentStore store, string study, Stopwatch clock, IProgress<ExperimentProgress>? progress,
        RefitShareRelease? release, CancellationToken stop)
    {
        if (progress is null && release is null) return;
        string objective = (await store.FindStudyAsync(study, CancellationToken.None))!.Definition.Objective;
        string last = "";
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var trials = await store.GetTrialsAsync(study, stop);
                if (release is not null) await release.CheckAsync(store, study, trials, stop);
                var signature = string.Join(";", trials.Select(t => $"{t.Number}:{t.State}:{t.History.Count}"));
                if (signature != last) progress?.Report(new ExperimentProgress(study, trials, clock.Elapsed, objective));
                last = signature;
                await Task.Delay(ProgressInterval, stop);
            }
        }
        catch (OperationCanceledException)
        {
            // The search ended.
        }
    }

    // Exports the best trial's model as best.zip first (a selection or refit that fails or is killed loses nothing), then lets
    // the model selection weigh the best trials into an ensemble and pick a model by the objective, then refits the chosen
    // model's main trial when that is on, safe and fits the budget; the model in best.zip is scored once on the test set.
    private async Task<ExperimentResult> FinishAsync(IExperimentStore store, SearchFile search, ITrialTrainer trainer, StudyRecord study,
        IReadOnlyList<TrialRecord> trials, string output, Stopwatch clock, string? refitShareReleased, CancellationToken cancellationToken)
    {
        var name = study.Definition.Name;
        var best = Leaderboard.BestComplete(trials);
        if (best is null) return new ExperimentResult(name, trials, null, null, null, null, clock.Elapsed);
        var model = await store.LoadArtifactAsync(name, best.Number, TrialRunner.ModelArtifact, CancellationToken.None)
            ?? throw new InvalidDataException($"The store has no model for the best trial #{best.Number} of study '{name}'.");
        var modelPath = Path.Combine(output, BestModelFile);
        var searchModelPath = Path.Combine(output, SearchModelFile);
        AtomicFile.Write(modelPath, temporary => File.WriteAllBytes(temporary, model));
        // A best-search.zip from an earlier run of this folder belongs to that run's refit.
        if (File.Exists(searchModelPath)) File.Delete(searchModelPath);
        var bestPipeline = search.TrialPipeline(best.Parameters, $"{name}-best");

        var (selection, selectionNote) = await SelectAsync(store, search, name, trainer, bestPipeline, trials, output, cancellationToken);
        var chosen = selection?.Chosen;
        // The refit trains the chosen model's heaviest complete member again (a pruned trial's epoch count is not its recipe's).
        var main = chosen is null ? best : chosen.Trials.Select((t, i) => (Trial: trials.FirstOrDefault(c => c.Number == t && c.State == TrialState.Complete), Weight: chosen.Weights[i]))
            .Where(m => m.Trial is not null).OrderByDescending(m => m.Weight).Select(m => m.Trial).FirstOrDefault();
        var pipeline = main is null || main == best ? bestPipeline : search.TrialPipeline(main.Parameters, $"{name}-best");
        AtomicFile.WriteAllText(Path.Combine(output, "best-pipeline.json"), PipelineSpecLoader.ToJson(pipeline));
        bool isTrialModel = chosen is null || !chosen.IsEnsemble && !chosen.Flip && chosen.MainTrial == best.Number;
        if (!isTrialModel) AtomicFile.Write(modelPath, temporary => File.Copy(selection!.ModelFiles[chosen!.Name], temporary, overwrite: true));

        var objective = SpecEnum<MonitoredMetric>.TryParse(study.Definition.Objective) ?? _options.Objective;
        TimeSpan? TimeLeft() => _options.TimeBudget - clock.Elapsed;
        var refit = main is null
            ? new ExperimentRefit(chosen!.MainTrial, 0, objective, double.NaN, "the exported model's trials were all pruned, so none has a whole recipe to train again")
            : BestTrialRefit.Plan(main, pipeline, objective, _options.Refit, TimeLeft());
        if (!refit.IsRefit && refitShareReleased is not null) refit = refit with { SkippedBecause = $"{refit.SkippedBecause} ({refitShareReleased})" };
        // A stop asked for through the store (ctk ui's Stop, another process) wants the search over now, not a refit's minutes more.
        if (refit.IsRefit && (await store.FindStudyAsync(name, CancellationToken.None))?.StopRequested == true)
            refit = refit with { SkippedBecause = "the study was stopped (from ctk ui or another process), so the search's model is kept" };
        IReadOnlyList<EpochMetrics>? refitHistory = null;
        if (refit.IsRefit)
        {
            var spec = BestTrialRefit.Spec(pipeline, refit.Epochs, $"{name}-refit");
            (var trained, refit) = await BestTrialRefit.TrainAsync(trainer, spec, Path.Combine(output, BestTrialRefit.Folder), refit, TimeLeft(), cancellationToken);
            if (trained is not null)
            {
                AtomicFile.Write(searchModelPath, temporary => File.Copy(modelPath, temporary, overwrite: true));
                if (chosen is null || !chosen.IsEnsemble && !chosen.Flip)
                    AtomicFile.Write(modelPath, temporary => File.Copy(trained.ModelPath, temporary, overwrite: true));
                else
                {
                    // The chosen ensemble (or flip) with the refit model in place of its main trial's: weights as chosen on validation.
                    var members = chosen.Trials.ToDictionary(t => t, t => t == main!.Number ? trained.ModelPath : Path.Combine(output, ModelSelection.Folder, ModelSelection.TrialFile(t)));
                    AtomicFile.Write(modelPath, temporary => ModelSelection.Rebuild(chosen, members, temporary));
                }
                refit = refit with { SearchModelPath = searchModelPath };
                refitHistory = trained.History;
            }
        }
        AtomicFile.WriteAllText(Path.Combine(output, "best-trial.json"), JsonSerializer.Serialize(new
        {
            trial = best.Number,
            parameters = JsonNode.Parse(best.Parameters.ToJson()),
            score = best.Score,
            epochs = best.History.Count,
            seconds = best.Duration?.TotalSeconds,
            exported = chosen is null ? null : ChoiceJson(chosen, selection, output),
            choices = selection?.Choices.Select(c => ChoiceJson(c, selection, output)).ToList(),
            selectionNote,
            refit = RefitJson(refit),
        }, new JsonSerializerOptions { WriteIndented = true }));
        ExperimentReport.WriteLeaderboardMarkdown(output, name, trials, study.Definition.Objective, refit, selection is null ? null : new ExportedChoices(selection.Choices, selection.Chosen, _options.ModelObjective));

        var metrics = trainer.Evaluate(pipeline, modelPath, output);
        if (refitHistory is not null)
        {
            // The test scored the refit model: its metrics say what it was trained on.
            metrics = metrics with { TrainImages = refit.TrainImages ?? metrics.TrainImages, Epochs = refitHistory };
            MetricsJson.Write(Path.Combine(output, "metrics.json"), metrics);
        }
        return new ExperimentResult(name, trials, best, pipeline, modelPath, metrics, clock.Elapsed)
        {
            Refit = refit, Choices = selection?.Choices ?? [], Exported = chosen, SelectionNote = selectionNote,
        };
    }

    // The model selection when there is something to choose; a failure keeps the best trial's own model and says why. Candidates
    // are the complete trials and the pruned ones whose model was kept, with the best complete trial's data and input (models
    // are compared and averaged on the same pictures), best first.
    private async Task<(ModelSelection.Outcome?, string?)> SelectAsync(IExperimentStore store, SearchFile search, string name, ITrialTrainer trainer,
        PipelineSpec pipeline, IReadOnlyList<TrialRecord> trials, string output, CancellationToken cancellationToken)
    {
        var same = SameDataAndInput(pipeline);
        var candidates = trials.Where(t => t.Score is not null && t.State is TrialState.Complete or TrialState.Pruned)
            .Select(t => (Trial: t, Spec: search.TrialPipeline(t.Parameters, name)))
            .Where(c => TrialRunner.KeepsModel(c.Trial.State, c.Trial.History.Count, c.Spec.Training.Epochs) && same(c.Spec))
            .Select(c => c.Trial).OrderByDescending(t => t.Score).ThenBy(t => t.Number).ToList();
        if (!ModelSelection.HasWork(candidates, _options.MaxEnsembleMembers, _options.TestTimeFlip, _options.ModelObjective)) return (null, null);
        try
        {
            return (await ModelSelection.RunAsync(store, name, trainer, pipeline, candidates, _options.MaxEnsembleMembers, _options.TestTimeFlip,
                _options.ModelObjective, output, cancellationToken), null);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return (null, $"the model selection failed ({e.Message}), so best.zip is trial #{candidates[0].Number}'s own model");
        }
    }

    private static Func<PipelineSpec, bool> SameDataAndInput(PipelineSpec reference)
    {
        static string Key(PipelineSpec spec) => JsonSerializer.Serialize(spec.Data) + JsonSerializer.Serialize(spec.Input);
        var key = Key(reference);
        return spec => Key(spec) == key;
    }

    // Each choice names its saved model (relative to the output folder), so a reader need not know how the selection names files.
    private static JsonObject ChoiceJson(ModelChoice choice, ModelSelection.Outcome? selection, string output) => new()
    {
        ["name"] = choice.Name,
        ["file"] = selection?.ModelFiles.GetValueOrDefault(choice.Name) is { } file ? Path.GetRelativePath(output, file).Replace('\\', '/') : null,
        ["trials"] = new JsonArray([.. choice.Trials.Select(t => (JsonNode)t)]),
        ["weights"] = new JsonArray([.. choice.Weights.Select(w => (JsonNode)Math.Round(w, 4))]),
        ["flip"] = choice.Flip,
        ["validationAccuracy"] = choice.ValidationAccuracy,
        ["msPerImage"] = Math.Round(choice.MsPerImage, 4),
        ["bytes"] = choice.Bytes,
    };

    private static JsonObject RefitJson(ExperimentRefit refit) => new()
    {
        ["refit"] = refit.IsRefit,
        ["trial"] = refit.Trial,
        ["epochs"] = refit.Epochs,
        ["objective"] = SpecEnum<MonitoredMetric>.Name(refit.Objective),
        ["validation"] = double.IsNaN(refit.Validation) ? null : refit.Validation,
        ["trainImages"] = refit.TrainImages,
        ["searchModel"] = refit.SearchModelPath is null ? null : SearchModelFile,
        ["skippedBecause"] = refit.SkippedBecause,
    };
}
