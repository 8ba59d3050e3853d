using System.Globalization;
using ClassifierToolkit.AutoML.Experiments;
using ClassifierToolkit.AutoML.Trials;
using ClassifierToolkit.Pipelines;
using Spectre.Console;

namespace ClassifierToolkit.Cli.Search;

/// <summary>
/// The live view of a search: a line when a trial starts, reports an epoch or ends, and after every finished trial the
/// leaderboard (top trials and the running ones) with the best so far.
/// </summary>
internal sealed class SearchProgressPrinter : IProgress<ExperimentProgress>
{
    private const int LeaderboardRows = 5;
    private readonly Dictionary<int, (TrialState State, int Epochs)> _seen = [];

    private bool _started;

    public void Report(ExperimentProgress progress)
    {
        if (!_started)
        {
            // The first snapshot is the study before this run started (see ImageSearchExperiment): a resumed study's
            // finished trials are known, not news.
            _started = true;
            var done = progress.Trials.Where(t => t.IsFinished).ToList();
            foreach (var trial in done) _seen[trial.Number] = (trial.State, trial.History.Count);
            if (done.Count > 0) Line(progress, $"study {progress.Study}: {done.Count} trial(s) finished earlier are kept");
        }
        bool finished = false;
        foreach (var trial in progress.Trials)
        {
            _seen.TryGetValue(trial.Number, out var before);
            bool isNew = !_seen.ContainsKey(trial.Number);
            if (isNew) Line(progress, $"trial {trial.Number} started ({trial.Worker}{(trial.Source is null ? "" : $", {trial.Source}")}): {Parameters(trial)}");
            foreach (var epoch in trial.History.Skip(isNew ? 0 : before.Epochs))
                Line(progress, Invariant($"trial {trial.Number} epoch {epoch.Epoch}: val acc {epoch.ValAccuracy:F4}, val loss {epoch.ValLoss:F4}, {epoch.Seconds:F0} s"));
            if (trial.IsFinished && (isNew || before.State == TrialState.Running))
            {
                Line(progress, $"trial {trial.Number} {Describe(trial, progress.Objective)}");
                finished = true;
            }
            _seen[trial.Number] = (trial.State, trial.History.Count);
        }
        if (finished) PrintLeaderboard(progress);
    }

    private static void PrintLeaderboard(ExperimentProgress progress)
    {
        var ranked = progress.Trials.Where(t => t.State is TrialState.Complete or TrialState.Pruned && t.Score is not null)
            .OrderBy(t => t.State).ThenByDescending(t => t.Score).Take(LeaderboardRows)
            .Concat(progress.Trials.Where(t => t.State == TrialState.Running)).ToList();
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumns("trial", "state", "epoch", "val acc", "time", "parameters");
        foreach (var t in ranked)
        {
            var accuracy = t.History.Select(e => e.ValAccuracy).Where(a => a is not null).DefaultIfEmpty(null).Max();
            table.AddRow(t.Number.ToString(CultureInfo.InvariantCulture), t.State.ToString().ToLowerInvariant(), t.History.Count.ToString(CultureInfo.InvariantCulture),
                accuracy is { } a ? a.ToString("F4", CultureInfo.InvariantCulture) : "–", Minutes(t.Duration ?? (DateTime.UtcNow - t.StartedUtc)), Markup.Escape(Parameters(t)));
        }
        AnsiConsole.Write(table);
        var counts = TrialStateCounts.Describe(progress.Trials);
        var best = progress.Trials.Where(t => t.State == TrialState.Complete && t.Score is not null).MaxBy(t => t.Score);
        AnsiConsole.MarkupLine(Markup.Escape(best is null ? $"{counts}; no complete trial yet" : Invariant($"{counts}; best so far: trial {best.Number}, {progress.Objective} {ObjectiveValue(best, progress.Objective):F4}")));
    }

    private static string Describe(TrialRecord trial, string objective) => trial.State switch
    {
        TrialState.Complete => Invariant($"complete: {objective} {ObjectiveValue(trial, objective):F4} after {trial.History.Count} epochs in {Minutes(trial.Duration)}"),
        TrialState.Pruned => Invariant($"pruned after epoch {trial.History.Count} ({Minutes(trial.Duration)})"),
        _ => $"{trial.State.ToString().ToLowerInvariant()}: {trial.FailureReason}",
    };

    private static double ObjectiveValue(TrialRecord trial, string objective) =>
        (SpecEnum<MonitoredMetric>.TryParse(objective) ?? MonitoredMetric.ValAccuracy).FromScore(trial.Score!.Value);

    private static string Parameters(TrialRecord trial) => string.Join(", ", trial.Parameters.Select(p => $"{p.Key}={p.Value}"));

    private static string Minutes(TimeSpan? duration) => duration is { } d ? d.ToString(@"m\:ss", CultureInfo.InvariantCulture) : "–";

    private static void Line(ExperimentProgress progress, string text) => Console.WriteLine($"[{progress.Elapsed:hh\\:mm\\:ss}] {text}");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
