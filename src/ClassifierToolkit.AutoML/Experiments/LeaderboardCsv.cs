using System.Globalization;
using System.Text;
using ClassifierToolkit.AutoML.Trials;
using ClassifierToolkit.IO;

namespace ClassifierToolkit.AutoML.Experiments;

/// <summary>The leaderboard as RFC 4180 CSV (<see cref="Csv"/>): full-precision numbers in the invariant culture, one column per parameter path.</summary>
internal static class LeaderboardCsv
{
    public static string Render(Leaderboard board)
    {
        var c = CultureInfo.InvariantCulture;
        var s = new StringBuilder();
        string[] fixedColumns = ["rank", "trial", "state", board.ObjectiveName, "epochs", "bestValAccuracy", "seconds", "worker", "failureReason", "source"];
        AppendLine(s, [.. fixedColumns, .. board.ParameterPaths]);
        foreach (var row in board.Rows)
        {
            var t = row.Trial;
            AppendLine(s,
            [
                row.Rank.ToString(c), t.Number.ToString(c), Leaderboard.StateName(t.State), row.Objective?.ToString(c) ?? "",
                t.EpochsReached().ToString(c), row.BestValAccuracy?.ToString(c) ?? "", t.Duration?.TotalSeconds.ToString("0.###", c) ?? "",
                t.Worker, t.FailureReason ?? "", t.Source ?? "",
                .. board.ParameterPaths.Select(p => t.Parameters.TryGetValue(p, out var v) ? Format(v) : ""),
            ]);
        }
        return s.ToString();
    }

    private static void AppendLine(StringBuilder s, IEnumerable<string> fields) => Csv.AppendRecord(s, fields);

    // Numbers at full precision (ParameterValue.ToString rounds to six digits for display).
    private static string Format(ParameterValue value) =>
        value.Kind == System.Text.Json.JsonValueKind.Number ? value.Number.ToString(CultureInfo.InvariantCulture) : value.ToString();
}
