using System.CommandLine;
using ClassifierToolkit.AutoML.Experiments;
using ClassifierToolkit.AutoML.Pruning;
using ClassifierToolkit.AutoML.Selection;
using ClassifierToolkit.AutoML.Trials;
using ClassifierToolkit.AutoML.Tuners;
using ClassifierToolkit.Cli.Data;
using ClassifierToolkit.Cli.Search;
using ClassifierToolkit.Torch.Experiments;
using Spectre.Console;

namespace ClassifierToolkit.Cli.Commands;

/// <summary><c>ctk automl &lt;search.json&gt;</c>: a hyperparameter search; <c>ctk automl worker</c> joins one.</summary>
internal static class AutoMLCommand
{
    public static Command Create()
    {
        var searchFile = new Argument<FileInfo>("search") { Description = "Search file: a pipeline with a 'search' section, e.g. pipelines/fashion-mnist-automl.json" };
        var timeBudget = new Option<string?>("--time-budget") { Description = "Stop after this long, e.g. 30m, 2h (running trials are cancelled between batches)" };
        var maxTrials = new Option<int?>("--max-trials") { Description = "Start at most N trials in the study" };
        var target = new Option<string?>("--target") { Description = "Stop once a trial reaches it, e.g. valAccuracy=0.93" };
        var concurrency = new Option<int>("--concurrency") { Description = "Worker processes on this machine (cores are split between them)", DefaultValueFactory = _ => 1 };
        var tuner = new Option<string>("--tuner") { Description = "grid | random | cfo | tpe", DefaultValueFactory = _ => ExperimentOptions.Defaults.Tuner };
        var pruner = new Option<string>("--pruner") { Description = "asha | median | none", DefaultValueFactory = _ => ExperimentOptions.Defaults.Pruner };
        var seed = new Option<int>("--seed") { Description = "Seeds the tuner", DefaultValueFactory = _ => 1 };
        var storage = new Option<string?>("--storage") { Description = "SQLite file or PostgreSQL connection string (Host=...;Database=...;Username=...); default <output>/experiment.db" };
        var study = new Option<string?>("--study") { Description = "Study name in the storage (default: the search file's name)" };
        var output = new Option<string?>("--output", "-o") { Description = "Output folder (default runs/<name>-automl)" };
        var resume = new Option<bool>("--resume") { Description = "Continue the study found in the storage" };
        var noRefit = new Option<bool>("--no-refit") { Description = "Export and test the best trial's own model, without training its configuration again on training + validation data" };
        var ensemble = new Option<string>("--ensemble") { Description = "Average the best trials' models in one exported graph: none, auto (up to 5, weights chosen on validation) or a maximum K", DefaultValueFactory = _ => "auto" };
        var tta = new Option<bool>("--tta") { Description = "Also average each picture with its mirror image inside the exported model (twice the scoring time)" };
        var objective = new Option<string>("--objective") { Description = "Which measured model to export: accuracy (the most accurate on validation) or latency:<ms> (the most accurate within that many ms per image)", DefaultValueFactory = _ => "accuracy" };
        var noPortfolio = new Option<bool>("--no-portfolio") { Description = "Do not try the built-in known-good recipes first; the tuner proposes from the first trial" };
        var warmStart = new Option<string?>("--warm-start") { Description = "Start from an earlier study: its output folder, experiment.db or a PostgreSQL connection string; its best trials are taken in (same data) or run first" };
        var warmStartStudy = new Option<string?>("--warm-start-study") { Description = "The study to start from when --warm-start's store holds several (default: its only one, or the one named like this study)" };
        tuner.AcceptOnlyFromAmong([.. TunerFactory.Names]);
        pruner.AcceptOnlyFromAmong([.. PrunerFactory.Names]);
        var overrides = new PipelineOverrideOptions();
        var command = new Command("automl", "Search hyperparameters of a pipeline: live leaderboard, pruning, budgets; writes best.zip, its report, the leaderboard and plots.")
            { searchFile, timeBudget, maxTrials, target, concurrency, tuner, pruner, seed, storage, study, output, resume, noRefit, ensemble, tta, objective, noPortfolio, warmStart, warmStartStudy };
        foreach (var option in overrides.Options) command.Options.Add(option);
        command.Subcommands.Add(WorkerCommand());
        command.Subcommands.Add(AutoMLCompareCommand.Create());
        command.SetAction(async (parse, cancellationToken) =>
        {
            var file = parse.GetValue(searchFile)!.FullName;
            var goal = parse.GetValue(target) is { } text ? TargetParser.Parse(text) : null;
            var name = Path.GetFileNameWithoutExtension(file);
            var options = new ExperimentOptions
            {
                SearchFile = file,
                OutputFolder = parse.GetValue(output) ?? Path.Combine("runs", name + "-automl"),
                Storage = parse.GetValue(storage),
                StudyName = parse.GetValue(study),
                Tuner = parse.GetValue(tuner)!,
                Pruner = parse.GetValue(pruner)!,
                Seed = parse.GetValue(seed),
                Objective = goal?.Metric ?? ExperimentOptions.Defaults.Objective,
                Target = goal?.Value,
                TimeBudget = parse.GetValue(timeBudget) is { } budget ? DurationParser.Parse(budget, "--time-budget") : null,
                MaxTrials = parse.GetValue(maxTrials),
                Concurrency = parse.GetValue(concurrency),
                Resume = parse.GetValue(resume),
                Refit = !parse.GetValue(noRefit),
                MaxEnsembleMembers = EnsembleMembers(parse.GetValue(ensemble)!),
                TestTimeFlip = parse.GetValue(tta),
                ModelObjective = ParseObjective(parse.GetValue(objective)!),
                Portfolio = !parse.GetValue(noPortfolio),
                WarmStart = parse.GetValue(warmStart),
                WarmStartStudy = parse.GetValue(warmStartStudy),
                BaseOverrides = overrides.Overrides(parse),
            };
            var dataDir = overrides.DataDirectory(parse);
            var trainer = new TorchTrialTrainer(SampleDataWarning.CreateLocator(dataDir), [new ComputeNotice()]);
            var result = await new ImageSearchExperiment(options).RunAsync(trainer, new SearchProgressPrinter(), new WorkerProcessLauncher(dataDir), cancellationToken);
            ResultPrinter.PrintSearch(result, options.OutputFolder);
            return CtkApp.Success;
        });
        return command;
    }

    /// <summary><c>--ensemble</c>: none (1, a single model), auto (<see cref="ExperimentOptions.Defaults.MaxEnsembleMembers"/>) or a count.</summary>
    internal static int EnsembleMembers(string text) => text.Trim().ToLowerInvariant() switch
    {
        "none" => 1,
        "auto" => ExperimentOptions.Defaults.MaxEnsembleMembers,
        var count when int.TryParse(count, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var k) && k >= 1 => k,
        _ => throw new UsageException($"--ensemble '{text}' is not none, auto or a number of models (1 or more)."),
    };

    internal static ModelObjective ParseObjective(string text)
    {
        try
        {
            return ModelObjective.Parse(text);
        }
        catch (FormatException e)
        {
            throw new UsageException($"--objective: {e.Message}");
        }
    }

    private static Command WorkerCommand()
    {
        var storage = new Option<string>("--storage") { Description = "The study's storage: SQLite file or PostgreSQL connection string", Required = true };
        var study = new Option<string>("--study") { Description = "The study to work on", Required = true };
        var output = new Option<string>("--output", "-o") { Description = "Folder for this worker's trial runs", DefaultValueFactory = _ => Path.Combine("runs", "automl-worker") };
        var threads = new Option<int?>("--threads") { Description = "Compute threads for this worker" };
        var heartbeatTimeout = new Option<int>("--heartbeat-timeout") { Description = "Seconds after which a silent trial counts as lost", DefaultValueFactory = _ => (int)ExperimentOptions.Defaults.HeartbeatTimeout.TotalSeconds };
        var heartbeatInterval = new Option<int>("--heartbeat-interval") { Description = "Seconds between a running trial's heartbeats", DefaultValueFactory = _ => (int)ExperimentOptions.Defaults.HeartbeatInterval.TotalSeconds };
        var dataDir = new Option<string?>("--data-dir") { Description = "Folder holding the Fashion-MNIST IDX files" };
        var command = new Command("worker", "Join a study (from any machine that reaches its storage) and run its trials until it is done.")
            { storage, study, output, threads, heartbeatTimeout, heartbeatInterval, dataDir };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (parse.GetValue(threads) is { } count) TorchTrialTrainer.UseThreads(count);
            var settings = new WorkerSettings(Path.GetFullPath(parse.GetValue(output)!), TimeSpan.FromSeconds(parse.GetValue(heartbeatInterval)),
                TimeSpan.FromSeconds(parse.GetValue(heartbeatTimeout)));
            await using var store = await ClassifierToolkit.AutoML.Storage.ExperimentStores.OpenAsync(parse.GetValue(storage)!, "experiment.db", cancellationToken);
            var trainer = new TorchTrialTrainer(SampleDataWarning.CreateLocator(parse.GetValue(dataDir)), [new ComputeNotice()]);
            var ran = await new ExperimentWorker(store, parse.GetValue(study)!, trainer, settings).RunAsync(cancellationToken);
            AnsiConsole.MarkupLineInterpolated($"Worker {WorkerSettings.WorkerId} ran {ran} trial(s); the study has nothing more for it.");
            return cancellationToken.IsCancellationRequested ? CtkApp.Failure : CtkApp.Success;
        });
        return command;
    }
}
