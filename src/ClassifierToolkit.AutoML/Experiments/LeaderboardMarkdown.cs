using System.Globalization;
using System.Text;
using ClassifierToolkit.AutoML.Selection;
using ClassifierToolkit.AutoML.Trials;
using ClassifierToolkit.Pipelines;

namespace ClassifierToolkit.AutoML.Experiments;

/// <summary>The leaderboard as Markdown: a title, a one-line summary, the table (parameters in one column), the plots.</summary>
internal static class LeaderboardMarkdown
{
    public static string Render(Leaderboard board, string studyName, ExperimentRefit? refit = null, ExportedChoices? choices = null)
    {
        var c = CultureInfo.InvariantCulture;
        var s = new StringBuilder();
        s.AppendLine(c, $"# Study {studyName}").AppendLine();
        s.AppendLine(Summary(board)).AppendLine();
        if (refit is not null) s.AppendLine(ExportedModel(refit, choices?.Chosen)).AppendLine();
        if (choices is not null) s.Append(Choices(choices)).AppendLine();
        string[] headers = ["rank", "trial", "state", board.ObjectiveName, "epochs", "best val accuracy", "seconds", "worker", "failure reason", "source", "parameters"];
        s.AppendLine("| " + string.Join(" | ", headers) + " |");
        s.AppendLine("|---:|---:|---|---:|---:|---:|---:|---|---|---|---|");
        foreach (var row in board.Rows)
        {
            var t = row.Trial;
            string[] cells =
            [
                row.Rank.ToString(c), t.Number.ToString(c), Leaderboard.StateName(t.State), Number(row.Objective), t.EpochsReached().ToString(c),
                Number(row.BestValAccuracy), t.Duration?.TotalSeconds.ToString("F1", c) ?? "–", t.Worker, t.FailureReason ?? "", t.Source ?? "", t.Parameters.ToString(),
            ];
            s.AppendLine("| " + string.Join(" | ", cells.Select(Cell)) + " |");
        }
        s.AppendLine();
        s.AppendLine(c, $"![best validation accuracy so far]({ExperimentReport.BestSoFarFile})").AppendLine();
        s.AppendLine(c, $"![parameters against best validation accuracy]({ExperimentReport.ParametersFile})");
        return s.ToString();
    }

    /// <summary>"N trials: x complete, y pruned, z failed, w cancelled, v running; best trial #k with objective value."</summary>
    public static string Summary(Leaderboard board)
    {
        var c = CultureInfo.InvariantCulture;
        var counts = string.Join(", ", new[] { TrialState.Complete, TrialState.Pruned, TrialState.Failed, TrialState.Cancelled, TrialState.Running, TrialState.Lost }
            .Where(state => state != TrialState.Lost || board.Count(state) > 0)
            .Select(state => $"{board.Count(state)} {Leaderboard.StateName(state)}"));
        var best = board.Best is { } b
            ? string.Create(c, $"best trial #{b.Trial.Number}{(b.Trial.State == TrialState.Complete ? "" : $" ({Leaderboard.StateName(b.Trial.State)})")} with {board.ObjectiveName} {b.Objective:F4}")
            : "no trial has a score yet";
        return string.Create(c, $"{board.Trials.Count} {(board.Trials.Count == 1 ? "trial" : "trials")}: {counts}; {best}.");
    }

    /// <summary>Which model <c>best.zip</c> is: a trial's own model or the chosen ensemble, with the refit model in its main trial's
    /// place when there is one (and on what validation its configuration was chosen), or why it was not refit.</summary>
    public static string ExportedModel(ExperimentRefit refit, ModelChoice? chosen = null)
    {
        var c = CultureInfo.InvariantCulture;
        var validation = string.Create(c, $"chosen on validation {SpecEnum<MonitoredMetric>.Name(refit.Objective)} {refit.Validation:F4} at epoch {refit.Epochs} of trial #{refit.Trial}");
        var refitModel = string.Create(c, $"trial #{refit.Trial}'s configuration refit on training + validation data ({refit.TrainImages?.ToString("N0", c) ?? "?"} images) for {refit.Epochs} epoch(s)");
        bool single = chosen is null || !chosen.IsEnsemble && !chosen.Flip;
        var what = single ? "" : string.Create(c, $"{chosen!.Name} (see below)");
        if (refit.IsRefit)
            return single
                ? $"Exported model (`{ImageSearchExperiment.BestModelFile}`): {refitModel}, {validation}; the trial's own model is `{ImageSearchExperiment.SearchModelFile}`."
                : $"Exported model (`{ImageSearchExperiment.BestModelFile}`): {what}, with {refitModel} in place of the trial's own model (its configuration {validation}); the ensemble of the trials' own models is `{ImageSearchExperiment.SearchModelFile}`.";
        return single
            ? $"Exported model (`{ImageSearchExperiment.BestModelFile}`): trial #{refit.Trial}'s own model, {validation}. Not refit: {refit.SkippedBecause}."
            : $"Exported model (`{ImageSearchExperiment.BestModelFile}`): {what}, of the trials' own models. Not refit: {refit.SkippedBecause}.";
    }

    /// <summary>Every model the selection measured, most accurate first, with its cost; the exported one and the Pareto front marked.</summary>
    public static string Choices(ExportedChoices choices)
    {
        var c = CultureInfo.InvariantCulture;
        var front = choices.ParetoFront();
        var s = new StringBuilder();
        s.AppendLine(c, $"Models measured on validation (objective `{choices.Objective}`; an ensemble's weights were chosen on the same images, which flatters it a little):").AppendLine();
        s.AppendLine("| model | trials × weight | flip | val accuracy | ms/image | MB | |");
        s.AppendLine("|---|---|---|---:|---:|---:|---|");
        foreach (var choice in choices.Choices.OrderByDescending(x => x.ValidationAccuracy).ThenBy(x => x.MsPerImage))
        {
            var members = choice.MembersText();
            var marks = string.Join(", ", new[] { choice == choices.Chosen ? "**exported**" : null, front.Contains(choice) ? "Pareto front" : null }.Where(m => m is not null));
            s.AppendLine(c, $"| {choice.Name} | {members} | {(choice.Flip ? "yes" : "no")} | {choice.ValidationAccuracy:F4} | {choice.MsPerImage:F3} | {choice.Bytes / 1e6:F1} | {marks} |");
        }
        s.AppendLine().AppendLine(c, $"![validation accuracy against ms per image]({ParetoPlot.File})");
        return s.ToString();
    }

    private static string Number(double? value) => value?.ToString("F4", CultureInfo.InvariantCulture) ?? "–";

    // A table cell cannot hold a line break, and a bare '|' would end it.
    private static string Cell(string text) =>
        text.Replace("\r\n", " ", StringComparison.Ordinal).Replace('\r', ' ').Replace('\n', ' ').Replace("|", "\\|", StringComparison.Ordinal).Trim();
}
