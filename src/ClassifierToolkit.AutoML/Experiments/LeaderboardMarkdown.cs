using System.Globalization;
using System.Text;
using ClassifierToolkit.AutoML.Trials;
using ClassifierToolkit.Pipelines;

namespace ClassifierToolkit.AutoML.Experiments;

/// <summary>The leaderboard as Markdown: a title, a one-line summary, the table (parameters in one column), the plots.</summary>
internal static class LeaderboardMarkdown
{
    public static string Render(Leaderboard board, string studyName, ExperimentRefit? refit = null)
    {
        var c = CultureInfo.InvariantCulture;
        var s = new StringBuilder();
        s.AppendLine(c, $"# Study {studyName}").AppendLine();
        s.AppendLine(Summary(board)).AppendLine();
        if (refit is not null) s.AppendLine(ExportedModel(refit)).AppendLine();
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

    /// <summary>Which model <c>best.zip</c> is: the refit one (and on what validation its configuration was chosen) or the search's own, and why.</summary>
    public static string ExportedModel(ExperimentRefit refit)
    {
        var c = CultureInfo.InvariantCulture;
        var chosen = string.Create(c, $"chosen on validation {SpecEnum<MonitoredMetric>.Name(refit.Objective)} {refit.Validation:F4} at epoch {refit.Epochs} of trial #{refit.Trial}");
        return refit.IsRefit
            ? string.Create(c, $"Exported model (`{ImageSearchExperiment.BestModelFile}`): trial #{refit.Trial}'s configuration refit on training + validation data ({refit.TrainImages?.ToString("N0", c) ?? "?"} images) for {refit.Epochs} epoch(s), {chosen}; the trial's own model is `{ImageSearchExperiment.SearchModelFile}`.")
            : string.Create(c, $"Exported model (`{ImageSearchExperiment.BestModelFile}`): trial #{refit.Trial}'s own model, {chosen}. Not refit: {refit.SkippedBecause}.");
    }

    private static string Number(double? value) => value?.ToString("F4", CultureInfo.InvariantCulture) ?? "–";

    // A table cell cannot hold a line break, and a bare '|' would end it.
    private static string Cell(string text) =>
        text.Replace("\r\n", " ", StringComparison.Ordinal).Replace('\r', ' ').Replace('\n', ' ').Replace("|", "\\|", StringComparison.Ordinal).Trim();
}
