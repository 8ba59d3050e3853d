using ClassifierToolkit.AutoML.Selection;
using ClassifierToolkit.AutoML.Trials;
using ClassifierToolkit.Evaluation;
using ClassifierToolkit.IO;

namespace ClassifierToolkit.AutoML.Experiments;

/// <summary>
/// A study's report: the leaderboard as CSV and Markdown, the best validation accuracy so far against wall time, and how each
/// searched parameter relates to it. Safe to call while the study runs (files are replaced atomically).
/// </summary>
internal static class ExperimentReport
{
    /// <summary>The leaderboard as CSV: one row per trial, best first, one column per parameter path.</summary>
    public const string LeaderboardCsvFile = "leaderboard.csv";
    /// <summary>The leaderboard as Markdown, with a summary line and links to the plots.</summary>
    public const string LeaderboardMarkdownFile = "leaderboard.md";
    /// <summary>The best validation accuracy so far against minutes since the study started.</summary>
    public const string BestSoFarFile = "best_so_far.png";
    /// <summary>One panel per searched parameter: its value against each trial's best validation accuracy.</summary>
    public const string ParametersFile = "parameters.png";

    /// <summary>One study's trials, for a best-so-far line.</summary>
    /// <param name="Name">The legend entry (e.g. the tuner).</param>
    /// <param name="Trials">The study's trials, in any order and any state.</param>
    /// <param name="StartUtc">When the study started: the time axis counts minutes from here.</param>
    public sealed record Curve(string Name, IReadOnlyList<TrialRecord> Trials, DateTime StartUtc);

    /// <summary>Writes <see cref="LeaderboardCsvFile"/>, <see cref="LeaderboardMarkdownFile"/>, <see cref="BestSoFarFile"/> and
    /// <see cref="ParametersFile"/> into <paramref name="folder"/> (created if missing).</summary>
    /// <param name="folder">Where the files go.</param>
    /// <param name="studyName">The study's name (the Markdown title and the plot's legend).</param>
    /// <param name="trials">The study's trials, in any order and any state.</param>
    /// <param name="objectiveName">The study's objective, <c>valLoss</c> or <c>valAccuracy</c>: the leaderboard prints its real
    /// value (a loss, not the negated score) under this name.</param>
    /// <param name="studyStartUtc">When the study started (the time axis' zero).</param>
    /// <exception cref="ArgumentException"><paramref name="objectiveName"/> is not <c>valLoss</c> or <c>valAccuracy</c>, or
    /// <paramref name="folder"/> is empty.</exception>
    public static void WriteAll(string folder, string studyName, IReadOnlyList<TrialRecord> trials, string objectiveName, DateTime studyStartUtc)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        ArgumentNullException.ThrowIfNull(studyName);
        ArgumentNullException.ThrowIfNull(trials);
        var board = new Leaderboard(trials, objectiveName);
        Directory.CreateDirectory(folder);
        AtomicFile.WriteAllText(Path.Combine(folder, LeaderboardCsvFile), LeaderboardCsv.Render(board));
        AtomicFile.WriteAllText(Path.Combine(folder, LeaderboardMarkdownFile), LeaderboardMarkdown.Render(board, studyName));
        WriteBestSoFar(Path.Combine(folder, BestSoFarFile), [new Curve(studyName, trials, studyStartUtc)]);
        PlotGrid.Write(Path.Combine(folder, ParametersFile), ParameterPlots.Panels(trials));
    }

    /// <summary>Rewrites <see cref="LeaderboardMarkdownFile"/> once the exported model is known: it says whether <c>best.zip</c> is
    /// the best configuration refit on training + validation data, and on what validation it was chosen.
    /// With a model selection, it also tables every model measured and draws them (<see cref="ParetoPlot"/>).</summary>
    public static void WriteLeaderboardMarkdown(string folder, string studyName, IReadOnlyList<TrialRecord> trials, string objectiveName, ExperimentRefit refit,
        ExportedChoices? choices = null)
    {
        if (choices is not null) ParetoPlot.Write(Path.Combine(folder, ParetoPlot.File), choices);
        AtomicFile.WriteAllText(Path.Combine(folder, LeaderboardMarkdownFile), LeaderboardMarkdown.Render(new Leaderboard(trials, objectiveName), studyName, refit, choices));
    }

    /// <summary>
    /// Writes a PNG of the best validation accuracy so far against minutes since each study started, one step line per study
    /// (e.g. CFO, TPE and random under the same budget). With a single study, each finished trial's own best accuracy is
    /// drawn too, coloured by state. Validation accuracy is used whatever the studies' objective.
    /// </summary>
    /// <param name="path">The PNG to write (replaced atomically).</param>
    /// <param name="curves">The studies, one line each.</param>
    /// <exception cref="ArgumentException"><paramref name="curves"/> is empty.</exception>
    public static void WriteBestSoFar(string path, IReadOnlyList<Curve> curves)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(curves);
        if (curves.Count == 0) throw new ArgumentException("Give at least one study to plot.", nameof(curves));
        ReportPlots.Export(BestSoFarPlot.Build(curves), path, BestSoFarPlot.Width, BestSoFarPlot.Height);
    }
}
