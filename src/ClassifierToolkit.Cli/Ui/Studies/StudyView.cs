using System.Text.Json;
using System.Text.Json.Nodes;
using ClassifierToolkit.AutoML.Experiments;
using ClassifierToolkit.AutoML.Storage;
using ClassifierToolkit.AutoML.Trials;
using ClassifierToolkit.Cli.Ui.Catalog;
using Ranking = ClassifierToolkit.AutoML.Experiments.Leaderboard;

namespace ClassifierToolkit.Cli.Ui.Studies;

/// <summary>
/// Everything the study page shows, in one JSON: the summary, the leaderboard (the AutoML library's ranking), best so far against
/// time, each parameter against the objective, parameter importance, trial states and every trial's validation accuracy per epoch.
/// </summary>
internal sealed record StudyView(StudyEntry Summary, string Tuner, string Objective, DateTime CreatedUtc, DateTime? DeadlineUtc, int? MaxTrials,
    bool StopRequested, int? BestTrial, IReadOnlyDictionary<string, int> States, IReadOnlyList<StudyView.Row> Leaderboard,
    IReadOnlyList<double[]> BestSoFar, IReadOnlyList<StudyView.Parameter> Parameters, IReadOnlyList<ParameterImportance.Entry> Importance,
    IReadOnlyList<StudyView.Curve> Epochs)
{
    /// <summary>A trial's leaderboard line; <paramref name="Source"/> is where its configuration came from (portfolio, warm start, tuner).</summary>
    public sealed record Row(int Rank, int Number, string State, double? Objective, double? BestValAccuracy, int Epochs, double? Seconds,
        string Source, JsonObject Parameters, string? Reason, DateTime StartedUtc);

    /// <summary>One searched parameter against the objective: numbers on their own axis (<paramref name="Log"/> when they span
    /// decades), anything else as <paramref name="Categories"/> (a point's x is its category's index).</summary>
    public sealed record Parameter(string Path, bool Numeric, bool Log, IReadOnlyList<string>? Categories, IReadOnlyList<Point> Points);

    /// <summary>A scored trial in a parameter's panel.</summary>
    public sealed record Point(int Trial, double X, double Y, string Value, string State);

    /// <summary>A trial's validation accuracy per epoch: [epoch, accuracy] pairs.</summary>
    public sealed record Curve(int Trial, string State, IReadOnlyList<double[]> Points);

    public static StudyView Build(string storeId, StudyRecord study, IReadOnlyList<TrialRecord> trials)
    {
        var definition = study.Definition;
        var board = new Ranking(trials, definition.Objective);
        var scored = board.Rows.Where(r => r.Objective is { } o && double.IsFinite(o) && r.Trial.State is TrialState.Complete or TrialState.Pruned).ToList();
        return new StudyView(UiCatalog.Summarize(storeId, study, trials), definition.Tuner, definition.Objective, study.CreatedUtc, study.DeadlineUtc,
            study.MaxTrials, study.StopRequested, board.Best?.Trial.Number,
            Enum.GetValues<TrialState>().ToDictionary(Ranking.StateName, board.Count),
            board.Rows.Select(ToRow).ToList(),
            BestSoFarPlot.Points(trials, study.CreatedUtc).Select(p => new[] { p.X, p.Y }).ToList(),
            board.ParameterPaths.Select(path => ToParameter(path, scored)).Where(p => p.Points.Count > 0).ToList(),
            ParameterImportance.Compute(scored.Select(r => (r.Trial, r.Objective!.Value)).ToList(), board.ParameterPaths),
            trials.Select(t => new Curve(t.Number, Ranking.StateName(t.State),
                t.History.Where(e => e.ValAccuracy is { } a && double.IsFinite(a)).Select(e => new[] { e.Epoch, e.ValAccuracy!.Value }).ToList())).ToList());
    }

    /// <summary>What changes when the study moves on (a trial starts or ends, an epoch is reported, a stop is asked for): the live page
    /// is sent the study again only then.</summary>
    public static string Signature(StudyRecord study, IReadOnlyList<TrialRecord> trials) =>
        $"{study.StopRequested}|{string.Join(";", trials.Select(t => $"{t.Number}:{t.State}:{t.History.Count}"))}";

    private static Row ToRow(LeaderboardRow row)
    {
        var t = row.Trial;
        return new Row(row.Rank, t.Number, Ranking.StateName(t.State), Finite(row.Objective), Finite(row.BestValAccuracy), t.EpochsReached(),
            t.Duration?.TotalSeconds, t.Source ?? (t.RetryOf is { } lost ? $"retry of lost trial {lost}" : "tuner"),
            JsonNode.Parse(t.Parameters.ToJson())!.AsObject(), t.FailureReason, t.StartedUtc);
    }

    private static Parameter ToParameter(string path, IReadOnlyList<LeaderboardRow> scored)
    {
        var set = scored.Where(r => r.Trial.Parameters.ContainsKey(path)).ToList();
        var values = set.Select(r => r.Trial.Parameters[path]).ToList();
        Point At(LeaderboardRow r, double x) => new(r.Trial.Number, x, r.Objective!.Value, r.Trial.Parameters[path].ToString(), Ranking.StateName(r.Trial.State));
        if (values.Count > 0 && values.All(v => v.Kind == JsonValueKind.Number))
        {
            bool log = values.Min(v => v.Number) > 0 && values.Max(v => v.Number) > ParameterPlots.LogSpan * values.Min(v => v.Number);
            return new Parameter(path, true, log, null, set.Select(r => At(r, r.Trial.Parameters[path].Number)).ToList());
        }
        var categories = ParameterPlots.Categories(values);
        return new Parameter(path, false, false, categories, set.Select(r => At(r, categories.IndexOf(r.Trial.Parameters[path].ToString()))).ToList());
    }

    private static double? Finite(double? value) => value is { } v && double.IsFinite(v) ? v : null;
}
