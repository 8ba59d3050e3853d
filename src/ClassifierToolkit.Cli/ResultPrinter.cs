using System.Globalization;
using ClassifierToolkit.Data;
using ClassifierToolkit.Evaluation;
using ClassifierToolkit.Pipelines;
using Spectre.Console;

namespace ClassifierToolkit.Cli;

/// <summary>Prints evaluation results as a table.</summary>
internal static class ResultPrinter
{
    public static void PrintMetrics(string title, ClassifierMetrics m)
    {
        var c = CultureInfo.InvariantCulture;
        var table = new Table().Title(title).AddColumn("metric").AddColumn(new TableColumn("value").RightAligned());
        table.AddRow("test accuracy", m.MicroAccuracy.ToString("F4", c));
        table.AddRow("macro accuracy", m.MacroAccuracy.ToString("F4", c));
        table.AddRow("test log-loss", m.LogLoss.ToString("F4", c));
        table.AddRow("test images", m.TestImages.ToString("N0", c));
        if (m.Parameters is { } p) table.AddRow("parameters", p.ToString("N0", c));
        table.AddRow("model size (bytes)", m.ModelSizeBytes.ToString("N0", c));
        if (m.TrainingSeconds is { } t) table.AddRow("training time (s)", t.ToString("F1", c));
        table.AddRow("inference, bulk (ms/image)", m.InferenceMsPerSample.ToString("F3", c));
        table.AddRow("inference, one file (ms)", m.SingleImageMs.ToString("F3", c));
        AnsiConsole.Write(table);
        // Repeated under the numbers, where a reader who skipped the warning looks.
        if (m.DataNote is { } note) AnsiConsole.MarkupLineInterpolated($"[bold yellow]{note}[/]");
    }

    /// <summary>How many skipped files are named on the console; reports and metrics.json name them all.</summary>
    public const int SkippedShown = 10;

    public static void PrintSkipped(IReadOnlyList<SkippedImage> skipped, string where = "metrics.json and report.md")
    {
        if (skipped.Count == 0) return;
        AnsiConsole.MarkupLineInterpolated($"[yellow]warning:[/] {skipped.Count:N0} file(s) skipped as unusable:");
        foreach (var file in skipped.Take(SkippedShown)) AnsiConsole.MarkupLineInterpolated($"  [yellow]{file.Path}[/]: {file.Reason}");
        var rest = skipped.Count > SkippedShown ? $"and {skipped.Count - SkippedShown:N0} more; " : "";
        AnsiConsole.MarkupLineInterpolated($"  ({rest}all are listed in {where}; --strict refuses such data instead)");
    }

    /// <summary>Says that images over the size limit were read at reduced size (they are used, not skipped).</summary>
    public static void PrintReduced(IReadOnlyList<ReducedImage> reduced)
    {
        if (reduced.Count == 0) return;
        AnsiConsole.MarkupLineInterpolated($"note: {reduced.Count:N0} image(s) larger than {ImageSizeLimit.Describe} were read at reduced size (copies cached in {Path.GetDirectoryName(reduced[0].CopyPath)}):");
        foreach (var image in reduced.Take(SkippedShown)) AnsiConsole.MarkupLineInterpolated($"  {image.Path} ({image.Width}×{image.Height})");
        if (reduced.Count > SkippedShown) AnsiConsole.MarkupLineInterpolated($"  and {reduced.Count - SkippedShown:N0} more");
    }

    public static void PrintSearch(ClassifierToolkit.AutoML.Experiments.ExperimentResult result, string outputFolder)
    {
        var counts = ClassifierToolkit.AutoML.Trials.TrialStateCounts.Describe(result.Trials);
        AnsiConsole.MarkupLineInterpolated($"Study [bold]{result.Study}[/]: {result.Trials.Count} trials ({counts}) in {result.Elapsed.ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture)}.");
        if (result.Best is null || result.TestMetrics is null)
        {
            AnsiConsole.MarkupLine("No trial completed, so there is no best model.");
            return;
        }
        AnsiConsole.MarkupLineInterpolated($"Best: trial {result.Best.Number}: {string.Join(", ", result.Best.Parameters.Select(p => $"{p.Key}={p.Value}"))}");
        PrintExported(result);
        if (result.Refit is { } refit) PrintRefit(refit);
        PrintMetrics("best model on the test set", result.TestMetrics);
        AnsiConsole.MarkupLineInterpolated($"Model:       [bold]{result.BestModelPath}[/]");
        AnsiConsole.MarkupLineInterpolated($"Leaderboard: [bold]{Path.Combine(outputFolder, "leaderboard.md")}[/]");
    }

    /// <summary>"Exported: ensemble of 3 (#7 × 0.50, ...), validation 0.9451, 1.2 ms/image (of N models measured)", or why the selection stopped.</summary>
    public static void PrintExported(ClassifierToolkit.AutoML.Experiments.ExperimentResult result)
    {
        var c = CultureInfo.InvariantCulture;
        if (result.SelectionNote is { } note) AnsiConsole.MarkupLineInterpolated($"note: {note}");
        if (result.Exported is not { } chosen) return;
        var members = chosen.MembersText();
        AnsiConsole.MarkupLineInterpolated(c, $"Exported: {chosen.Name} ({members}{(chosen.Flip ? ", flip-averaged" : "")}): validation accuracy {chosen.ValidationAccuracy:F4}, {chosen.MsPerImage:F3} ms/image, {chosen.Bytes / 1e6:F1} MB; {result.Choices.Count} models measured (leaderboard.md, model_choices.png)");
    }

    /// <summary>"Refit: trial N's configuration on train+validation for E epochs (chosen on validation X)" or "Not refit: why".</summary>
    public static void PrintRefit(ClassifierToolkit.AutoML.Experiments.ExperimentRefit refit)
    {
        var validation = $"{SpecEnum<MonitoredMetric>.Name(refit.Objective)} {refit.Validation.ToString("F4", CultureInfo.InvariantCulture)}";
        if (refit.IsRefit)
            AnsiConsole.MarkupLineInterpolated($"Refit: trial {refit.Trial}'s configuration on train+validation ({refit.TrainImages:N0} images) for {refit.Epochs} epochs (chosen on validation {validation}); the search's own model is {ClassifierToolkit.AutoML.Experiments.ImageSearchExperiment.SearchModelFile}");
        else
            AnsiConsole.MarkupLineInterpolated($"Not refit: {refit.SkippedBecause}");
    }

    public static void PrintComparison(IReadOnlyList<ComparisonReport.Row> rows)
    {
        var table = new Table().Title("comparison");
        foreach (var header in ComparisonReport.Headers) table.AddColumn(new TableColumn(header).RightAligned());
        foreach (var row in rows) table.AddRow(ComparisonReport.Cells(row).Select(Markup.Escape).ToArray());
        AnsiConsole.Write(table);
    }
}
