using System.Text.Json;
using ClassifierToolkit.AutoML.Trials;

namespace ClassifierToolkit.Cli.Ui.Studies;

/// <summary>
/// How much of the score's spread each searched parameter explains on its own: trials grouped by the parameter's value (numbers in
/// up to <see cref="MaxBins"/> bins of equal count, unset as a group of its own), and the between-group share of the variance (η² of
/// a one-way analysis of variance). A first look, like Optuna's importance plot, not a causal claim: with few trials, or parameters
/// searched together, it overstates.
/// </summary>
internal static class ParameterImportance
{
    public const int MaxBins = 5;
    private const string Unset = "(unset)";

    /// <summary>One parameter's share of the score's variance, in [0, 1], from <paramref name="Trials"/> scored trials.</summary>
    public sealed record Entry(string Path, double Importance, int Trials);

    /// <summary>Each of <paramref name="paths"/> for the scored trials, most important first; none with fewer than two.</summary>
    public static IReadOnlyList<Entry> Compute(IReadOnlyList<(TrialRecord Trial, double Score)> scored, IReadOnlyList<string> paths)
    {
        if (scored.Count < 2) return [];
        var scores = scored.Select(r => r.Score).ToArray();
        return paths.Select(path => new Entry(path, Explained(scores, Groups(scored, path)), scored.Count))
            .OrderByDescending(e => e.Importance).ThenBy(e => e.Path, StringComparer.Ordinal).ToList();
    }

    // The group of each row, by index.
    private static string[] Groups(IReadOnlyList<(TrialRecord Trial, double Score)> rows, string path)
    {
        var values = rows.Select(r => r.Trial.Parameters.TryGetValue(path, out var v) ? v : (ParameterValue?)null).ToArray();
        var numbers = Enumerable.Range(0, rows.Count).Where(i => values[i] is { Kind: JsonValueKind.Number }).ToList();
        var groups = values.Select(v => v?.ToString() ?? Unset).ToArray();
        if (numbers.Select(i => values[i]!.Value.Number).Distinct().Count() <= MaxBins) return groups;
        int bins = Math.Min(MaxBins, Math.Max(2, numbers.Count / 3));
        var ranked = numbers.OrderBy(i => values[i]!.Value.Number).ToList();
        for (int rank = 0; rank < ranked.Count; rank++) groups[ranked[rank]] = $"bin {rank * bins / ranked.Count}";
        return groups;
    }

    private static double Explained(double[] scores, string[] groups)
    {
        double mean = scores.Average();
        double total = scores.Sum(s => (s - mean) * (s - mean));
        if (total <= 0) return 0;
        double between = scores.Select((s, i) => (Score: s, Group: groups[i])).GroupBy(p => p.Group)
            .Sum(g => g.Count() * Math.Pow(g.Average(p => p.Score) - mean, 2));
        return Math.Clamp(between / total, 0, 1);
    }
}
