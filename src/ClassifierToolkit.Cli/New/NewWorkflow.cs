using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ClassifierToolkit.AutoML.Experiments;
using ClassifierToolkit.Cli.Doctor;
using ClassifierToolkit.Cli.Search;
using ClassifierToolkit.Data;
using ClassifierToolkit.IO;
using ClassifierToolkit.Pipelines;
using ClassifierToolkit.Torch.Experiments;
using Spectre.Console;

namespace ClassifierToolkit.Cli.New;

/// <summary>
/// <c>ctk new</c> from start to end: inspect the folders, pick the input, search within the time, then write the model,
/// the report, <c>&lt;Name&gt;.ctk.json</c> and the consumer projects. The time is the whole run's: the search gets what is
/// left after the inspection, less a reserve for the finish.
/// </summary>
internal static class NewWorkflow
{
    /// <summary>The largest class's count over the smallest's above which the run warns.</summary>
    public const double ImbalanceWarning = 3;
    /// <summary>The search's own folder inside the output.</summary>
    public const string SearchFolder = "automl";
    /// <summary>The folder of the alternative start's search (<see cref="AlternativeStart"/>).</summary>
    public const string AlternativeFolder = "automl-imagenet";

    public static async Task<int> RunAsync(NewSettings settings, TimeSpan trainTime, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        // The weights first: a wrong file should not wait for a large folder's check.
        var requested = WeightsChoice.Requested(settings.Weights);
        var (train, test) = InspectFolders(settings);
        var start = requested ?? WeightsChoice.For(train);
        AnsiConsole.MarkupLineInterpolated($"Start: [bold]{start.Reason}[/]");
        var searchTime = trainTime - clock.Elapsed - FinishReserve(trainTime);
        if (searchTime < TimeSpan.FromSeconds(10))
            throw new ArgumentException($"--train-time {settings.TrainTime} leaves {Math.Max(0, searchTime.TotalSeconds):F0} s for training after reading the data; give more, e.g. --train-time {Math.Ceiling((trainTime - searchTime + TimeSpan.FromMinutes(2)).TotalMinutes)}m.");
        // Each search scores the test set and draws its plots after its time, so a second search takes a second reserve.
        var alternative = requested is null ? PlanAlternative(settings, train, start, searchTime - FinishReserve(trainTime)) : null;
        searchTime = trainTime - clock.Elapsed - FinishReserve(trainTime) * (alternative is null ? 1 : 2);
        var mainTime = searchTime - (alternative?.Time ?? TimeSpan.Zero);

        var input = InputChoice.For(train, start.Pretrained, mainTime).WithSide(settings.ImageSize);
        AnsiConsole.MarkupLineInterpolated($"Input: [bold]{input.Reason}[/]");
        var plan = SearchPlan.Create(settings, input, train.Images, start, MeasureFineTuning(start, input, train.Images, TrialTime(settings, mainTime), settings.Seed).Epochs);
        var main = new NewAttempt(start, input, await SearchAsync(settings, plan, mainTime, SearchFolder, cancellationToken));
        if (main.Result.Best is null)
            throw new InvalidOperationException($"No trial finished within --train-time {settings.TrainTime} ({main.Result.Trials.Count} started; see {Path.Combine(settings.Output, SearchFolder + ".running", ExperimentReport.LeaderboardMarkdownFile)}). Give it more time, e.g. --train-time {Math.Ceiling(trainTime.TotalMinutes * 2)}m.");
        // An alternative's folder from an earlier run belongs to that run's model, not this one's.
        var alternativeFolder = Path.Combine(settings.Output, AlternativeFolder);
        if (Directory.Exists(alternativeFolder)) Directory.Delete(alternativeFolder, recursive: true);
        var other = alternative is null ? null
            : await SearchAlternativeAsync(settings, train.Images, alternative, cancellationToken);
        var outcome = NewOutcome.Of(main, other);
        AtomicFile.Write(settings.ModelPath, temporary => File.Copy(outcome.Kept.Result.BestModelPath!, temporary, overwrite: true));
        if (outcome.Comparison is { } comparison) AnsiConsole.MarkupLineInterpolated($"Kept: [bold]{comparison}[/]");

        NewReport.Write(settings, train, test, outcome);
        NewConfigFile.Write(settings, Result(settings, outcome));
        var projects = GeneratedProjects(settings);
        Summarize(settings, outcome.Kept.Result, projects, clock.Elapsed);
        return CtkApp.Success;
    }

    // The backbone beside scratch when its share of the time allows: its speed measured now (seconds), so that a folder too
    // large for it keeps the whole time for scratch, saying why.
    private static AlternativeStart? PlanAlternative(NewSettings settings, ImageFolderSummary train, WeightsChoice start, TimeSpan searchTime)
    {
        if (AlternativeStart.Candidate(start, searchTime) is not { } backbone) return null;
        var time = searchTime * AlternativeStart.TimeShare;
        var input = InputChoice.For(train, backbone.Pretrained, time);
        AnsiConsole.MarkupLine("Measuring the ImageNet backbone's speed, to see whether a search of it fits beside scratch's ...");
        var (epochs, perImage) = MeasureFineTuning(backbone, input, train.Images, TrialTime(settings, time), settings.Seed);
        if (!AlternativeStart.Fits(train.Images, perImage, TrialTime(settings, time), out var why))
        {
            AnsiConsole.MarkupLineInterpolated($"The ImageNet backbone is not tried beside scratch: {why}; give more --train-time to try it");
            return null;
        }
        AnsiConsole.MarkupLineInterpolated($"Then: the built-in ImageNet backbone for {time.TotalMinutes:F1} min after this search, since the time allows; the model with the better validation accuracy is kept");
        return new AlternativeStart(backbone, input, epochs, time);
    }

    // The backbone's search after scratch's; null when it finished no trial.
    private static async Task<NewAttempt?> SearchAlternativeAsync(NewSettings settings, int trainImages, AlternativeStart alternative, CancellationToken cancellationToken)
    {
        AnsiConsole.MarkupLineInterpolated($"Trying the ImageNet backbone: {alternative.Input.Reason}");
        var plan = SearchPlan.Create(settings, alternative.Input, trainImages, alternative.Start, alternative.FineTuneEpochs);
        var result = await SearchAsync(settings, plan, alternative.Time, AlternativeFolder, cancellationToken);
        if (result.Best is null) AnsiConsole.MarkupLineInterpolated($"The ImageNet backbone finished no trial in {alternative.Time.TotalSeconds:F0} s");
        return result.Best is null ? null : new NewAttempt(alternative.Start, alternative.Input, result);
    }

    // What a search of this length leaves its trials: with a test folder a refit can follow, and the search keeps time for it.
    private static TimeSpan TrialTime(NewSettings settings, TimeSpan searchTime) => ExperimentOptions.TrialShare(searchTime, refit: settings.TestData is not null);

    // The built-in backbone's first trial must end within the time, so its epochs come from this machine's measured speed,
    // returned with that speed.
    private static (int Epochs, double SecondsPerImage) MeasureFineTuning(WeightsChoice start, InputChoice input, int images, TimeSpan searchTime, int seed)
    {
        if (start.Pretrained is not { } pretrained || start.Weights is null || pretrained.Model != Torch.Transfer.ImageNet.ImageNetWeights.ModelName)
            return (SearchPlan.TransferEpochs, double.NaN);
        var clock = Stopwatch.StartNew();
        double perImage = FineTuneSpeed.SecondsPerImage(pretrained, start.Weights, input, SearchPlan.BatchSizeFor(images), seed);
        int epochs = SearchPlan.FineTuneEpochs(searchTime - clock.Elapsed, images, perImage);
        var note = epochs < SearchPlan.MinFineTuneEpochs ? "; too few, so head-only (cached features) goes first" : "";
        AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture,
            $"Fine-tuning speed: {1 / perImage:F1} images/s at {input.Side}×{input.Side} (measured in {clock.Elapsed.TotalSeconds:F0} s): {epochs} epoch(s) fit the first trial{note}");
        return (epochs, perImage);
    }

    private static (ImageFolderSummary Train, ImageFolderSummary? Test) InspectFolders(NewSettings settings)
    {
        var scan = new ImageFolderScanOptions { Strict = settings.Strict };
        var train = Inspect(settings.Data, "training", scan);
        var test = settings.TestData is null ? null : Inspect(settings.TestData, "test", scan);
        if (test is not null) ImageFolderSource.CheckSameClasses(train, test);
        return (ImageFolderSummary.Of(train), test is null ? null : ImageFolderSummary.Of(test));
    }

    // A re-run searches beside the previous result and replaces it (the search folder, then the model) only once it has a
    // model, so a failed or cancelled re-run leaves the last good model, report and config as they were. A search that
    // finished no trial is returned as it is, its folder left in <name>.running for a look.
    private static async Task<ExperimentResult> SearchAsync(NewSettings settings, JsonObject plan, TimeSpan searchTime, string folderName,
        CancellationToken cancellationToken)
    {
        var running = Path.Combine(settings.Output, folderName + ".running");
        if (Directory.Exists(running)) Directory.Delete(running, recursive: true);
        Directory.CreateDirectory(running);
        var searchFile = Path.Combine(running, "search.json");
        AtomicFile.WriteAllText(searchFile, plan.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        AnsiConsole.MarkupLineInterpolated($"Searching for {searchTime.TotalMinutes:F1} min (cost-frugal search, ASHA pruning); trials in {Path.GetRelativePath(Environment.CurrentDirectory, running)}/");
        var options = new ExperimentOptions { SearchFile = searchFile, OutputFolder = running, TimeBudget = searchTime, Seed = settings.Seed };
        var result = await new ImageSearchExperiment(options).RunAsync(new TorchTrialTrainer(callbacks: [new ComputeNotice()]), new SearchProgressPrinter(), cancellationToken: cancellationToken);
        if (result.Best is null || result.BestModelPath is null || result.TestMetrics is null) return result with { Best = null };
        // Refit when the test folder is separate and the search left time for it; otherwise say why not.
        if (result.Refit is { } refit) ResultPrinter.PrintRefit(refit);

        var final = Path.Combine(settings.Output, folderName);
        if (Directory.Exists(final)) Directory.Delete(final, recursive: true);
        Directory.Move(running, final);
        return result with { BestModelPath = Path.Combine(final, ImageSearchExperiment.BestModelFile) };
    }

    private static ImageFolderSource Inspect(string folder, string role, ImageFolderScanOptions scan)
    {
        var clock = Stopwatch.StartNew();
        AnsiConsole.MarkupLineInterpolated($"Checking every file of the {role} folder {folder} ...");
        // Big folders take a while: say how far the check has come (Progress<T> would post to the thread pool, out of order).
        var source = ImageFolderSource.Scan(folder, scan with { Progress = new ScanProgressLine() });
        var summary = ImageFolderSummary.Of(source);
        var c = CultureInfo.InvariantCulture;
        var table = new Table().Border(TableBorder.Rounded).Title(Markup.Escape($"{role} data: {summary.Root}")).AddColumn("class").AddColumn(new TableColumn("images").RightAligned());
        foreach (var (name, images) in summary.Classes) table.AddRow(Markup.Escape(name), images.ToString("N0", c));
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLineInterpolated($"{summary.Images:N0} images checked in {clock.Elapsed.TotalSeconds:F1} s: sizes {summary.MinSide}–{summary.MaxSide} px (median {summary.MedianWidth}×{summary.MedianHeight}), {summary.GreyImages:N0} grey, {summary.Images - summary.GreyImages:N0} colour; {summary.HiddenEntries} hidden entries passed over.");
        if (summary.ImbalanceRatio > ImbalanceWarning)
            AnsiConsole.MarkupLineInterpolated($"[yellow]warning:[/] the classes are unbalanced: the largest has {summary.ImbalanceRatio:F1}× the images of the smallest; rare classes will be recognized less well. Add images to them if you can.");
        ResultPrinter.PrintReduced(source.Reduced);
        ResultPrinter.PrintSkipped(source.Skipped, "report.md and metrics.json");
        return source;
    }

    // Exporting the best model, scoring the test set and writing the report and projects take seconds; keep them inside the time.
    private static TimeSpan FinishReserve(TimeSpan trainTime) =>
        TimeSpan.FromSeconds(Math.Clamp(trainTime.TotalSeconds * 0.05, 8, 60));

    private static JsonObject Result(NewSettings settings, NewOutcome outcome)
    {
        var result = outcome.Kept.Result;
        var metrics = result.TestMetrics!;
        var json = new JsonObject
        {
            ["model"] = Path.GetFileName(settings.ModelPath),
            ["finishedUtc"] = DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture),
            ["testAccuracy"] = metrics.MicroAccuracy,
            ["macroAccuracy"] = metrics.MacroAccuracy,
            ["testImages"] = metrics.TestImages,
            ["bestTrial"] = result.Best!.Number,
            ["refit"] = result.Refit is not { } refit ? null
                : refit.IsRefit ? $"trial {refit.Trial}'s configuration refit on training + validation data for {refit.Epochs} epoch(s)" : $"not refit: {refit.SkippedBecause}",
            ["exported"] = result.Exported is { } chosen ? $"{chosen.Name}: validation accuracy {chosen.ValidationAccuracy.ToString("F4", CultureInfo.InvariantCulture)}, {chosen.MsPerImage.ToString("F3", CultureInfo.InvariantCulture)} ms/image" : null,
            ["pipeline"] = JsonNode.Parse(PipelineSpecLoader.ToJson(result.BestPipeline!)),
            ["trials"] = new JsonArray(result.Trials.Select(t => (JsonNode)new JsonObject
            {
                ["number"] = t.Number,
                ["state"] = t.State.ToString().ToLowerInvariant(),
                ["parameters"] = JsonNode.Parse(t.Parameters.ToJson()),
                ["score"] = t.Score,
                ["epochs"] = t.History.Count,
                ["seconds"] = t.Duration?.TotalSeconds,
            }).ToArray()),
        };
        if (outcome.Other is { } other)
            json["alsoTried"] = new JsonObject
            {
                ["start"] = other.Start.Weights ?? WeightsChoice.None,
                ["validationAccuracy"] = other.ValidationAccuracy,
                ["trials"] = other.Result.Trials.Count,
            };
        return json;
    }

    // A re-run regenerates the projects for the new model; the user's own edits belong in other files or a copy.
    private static IReadOnlyList<string> GeneratedProjects(NewSettings settings)
    {
        var projects = ConsumerProjects.Write(new ConsumerProjectOptions { Name = settings.Name, ModelPath = settings.ModelPath, OutputFolder = settings.Output, Overwrite = true });
        return [projects.SolutionPath, projects.ConsumerProjectPath, projects.WebApiProjectPath];
    }

    private static void Summarize(NewSettings settings, ExperimentResult result, IReadOnlyList<string> projects, TimeSpan elapsed)
    {
        ResultPrinter.PrintMetrics($"{settings.Name} on the {(settings.TestData is null ? "validation split" : "test folder")}", result.TestMetrics!);
        string Here(string path) => Path.GetRelativePath(Environment.CurrentDirectory, path);
        AnsiConsole.MarkupLineInterpolated($"Done in {elapsed.TotalMinutes:F1} min.");
        AnsiConsole.MarkupLineInterpolated($"Model:  [bold]{Here(settings.ModelPath)}[/]");
        AnsiConsole.MarkupLineInterpolated($"Report: [bold]{Here(Path.Combine(settings.Output, "report.md"))}[/]");
        AnsiConsole.MarkupLineInterpolated($"Config: [bold]{Here(settings.ConfigPath)}[/] (run it again: ctk new --config {Here(settings.ConfigPath)})");
        foreach (var project in projects) AnsiConsole.MarkupLineInterpolated($"Code:   [bold]{Here(project)}[/]");
        var consumer = Path.GetDirectoryName(projects[1])!;
        AnsiConsole.MarkupLineInterpolated($"Try it: [bold]dotnet run --project {Here(consumer)} -- <image>...[/]  (or the web API: dotnet run --project {Here(Path.GetDirectoryName(projects[2])!)})");
    }

    private sealed class ScanProgressLine : IProgress<(int Checked, int Total)>
    {
        public void Report((int Checked, int Total) value)
        {
            if (value.Checked < value.Total) AnsiConsole.MarkupLineInterpolated($"  {value.Checked:N0} of {value.Total:N0} files checked");
        }
    }
}
