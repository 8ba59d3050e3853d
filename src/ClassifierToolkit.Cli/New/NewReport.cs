using System.Globalization;
using System.Text;
using ClassifierToolkit.AutoML.Experiments;
using ClassifierToolkit.AutoML.Trials;
using ClassifierToolkit.Data;
using ClassifierToolkit.Evaluation;

namespace ClassifierToolkit.Cli.New;

/// <summary>
/// <c>report.md</c> of a <c>ctk new</c> run: the data as inspected, the input chosen, the search (with its leaderboard and
/// best-so-far plot) and the model's test results (per class, confusion matrix), with <c>metrics.json</c> beside it.
/// </summary>
internal static class NewReport
{
    /// <summary>Writes report.md, metrics.json and the plots into the output folder; the searches' own files stay in their folders.</summary>
    public static void Write(NewSettings settings, ImageFolderSummary train, ImageFolderSummary? test, NewOutcome outcome)
    {
        var (start, input, result) = outcome.Kept;
        var searchFolder = Path.GetDirectoryName(result.BestModelPath!)!;
        var metrics = result.TestMetrics! with { Epochs = result.Best!.History };
        foreach (var plot in new[] { ExperimentReport.BestSoFarFile, ExperimentReport.LeaderboardMarkdownFile })
            File.Copy(Path.Combine(searchFolder, plot), Path.Combine(settings.Output, plot), overwrite: true);
        var c = CultureInfo.InvariantCulture;
        var s = new StringBuilder();
        s.AppendLine(c, $"Model `{Path.GetFileName(settings.ModelPath)}`: test accuracy **{metrics.MicroAccuracy:F4}** (macro {metrics.MacroAccuracy:F4}) on {metrics.TestImages:N0} images ");
        s.AppendLine(test is null ? "of the validation split (no --test-data was given, and the split also chose the model, so this is optimistic)." : "of the test folder.").AppendLine();
        s.AppendLine("## Data").AppendLine();
        Describe(s, "training", train);
        if (test is not null) Describe(s, "test", test);
        s.AppendLine(c, $"Start: {start.Reason}.").AppendLine();
        s.AppendLine(c, $"Input chosen: {input.Reason}.").AppendLine();
        s.AppendLine("## Search").AppendLine();
        s.AppendLine(c, $"{result.Trials.Count} trials in {result.Elapsed.TotalMinutes:F1} min ({TrialStateCounts.Describe(result.Trials)}); ");
        s.AppendLine(c, $"the best, trial {result.Best.Number}: {string.Join(", ", result.Best.Parameters.Select(p => $"`{p.Key}` = {p.Value}"))}.").AppendLine();
        if (result.Refit is { } refit) s.AppendLine(LeaderboardMarkdown.ExportedModel(refit, result.Exported)).AppendLine();
        s.AppendLine(c, $"![best so far]({ExperimentReport.BestSoFarFile})").AppendLine();
        if (outcome.Other is { } other)
            s.AppendLine(c, $"Also searched: {other.Result.Trials.Count} trials {other.StartName} (input {other.Input.Reason}), " +
                $"in `{Path.GetRelativePath(settings.Output, Path.GetDirectoryName(other.Result.BestModelPath!)!)}/`. Kept {outcome.Comparison}.").AppendLine();
        s.AppendLine(c, $"Leaderboard: [{ExperimentReport.LeaderboardMarkdownFile}]({ExperimentReport.LeaderboardMarkdownFile}); every trial's run in `{Path.GetRelativePath(settings.Output, searchFolder)}/`.").AppendLine();
        s.AppendLine("## Test results").AppendLine();
        MarkdownReport.WriteAll(settings.Output, $"{settings.Name}: an image classifier made by `ctk new`", metrics, s.ToString());
    }

    private static void Describe(StringBuilder s, string role, ImageFolderSummary data)
    {
        var c = CultureInfo.InvariantCulture;
        s.AppendLine(c, $"The {role} folder `{data.Root}`: {data.Images:N0} images in {data.Classes.Count} classes; sizes {data.MinSide}–{data.MaxSide} px " +
            $"(median {data.MedianWidth}×{data.MedianHeight}); {data.GreyImages:N0} grey; {data.Skipped.Count} file(s) skipped; {data.HiddenEntries} hidden entries passed over.").AppendLine();
        s.AppendLine("| class | images |").AppendLine("|---|---|");
        foreach (var (name, images) in data.Classes) s.AppendLine(c, $"| {name} | {images:N0} |");
        s.AppendLine();
        if (data.ImbalanceRatio > NewWorkflow.ImbalanceWarning)
            s.AppendLine(c, $"The classes are unbalanced: the largest has {data.ImbalanceRatio:F1}× the images of the smallest; per-class recall below shows what that costs.").AppendLine();
    }
}
