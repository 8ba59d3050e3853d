using System.Globalization;
using System.Text;
using ClassifierToolkit.IO;

namespace ClassifierToolkit.Evaluation;

/// <summary>Side-by-side results of several trained pipelines: a table like the seed study's, overlaid loss curves, Markdown.</summary>
internal static class ComparisonReport
{
    /// <summary>The Markdown file's name.</summary>
    public const string ReportFile = "comparison.md";
    /// <summary>The overlaid loss curves' file name.</summary>
    public const string CurvesFile = "comparison_loss_curves.png";

    /// <summary>One compared pipeline.</summary>
    public sealed record Row(string Name, ClassifierMetrics Metrics);

    /// <summary>The table's column headers.</summary>
    public static IReadOnlyList<string> Headers { get; } =
        ["model", "params", "size (bytes)", "train time (s)", "inference (ms/sample)", "single image (ms)", "test loss", "test acc"];

    /// <summary>One row's cells, formatted.</summary>
    public static IReadOnlyList<string> Cells(Row row)
    {
        var c = CultureInfo.InvariantCulture;
        var m = row.Metrics;
        return
        [
            row.Name, m.Parameters?.ToString("N0", c) ?? "–", m.ModelSizeBytes.ToString("N0", c), m.TrainingSeconds?.ToString("F1", c) ?? "–",
            m.InferenceMsPerSample.ToString("F3", c), m.SingleImageMs.ToString("F3", c), m.LogLoss.ToString("F4", c), m.MicroAccuracy.ToString("F4", c),
        ];
    }

    /// <summary>Writes the Markdown report and the overlaid loss curves into <paramref name="folder"/>.</summary>
    public static void Write(string folder, IReadOnlyList<Row> rows)
    {
        Directory.CreateDirectory(folder);
        ReportPlots.WriteLossCurves(Path.Combine(folder, CurvesFile), rows.Select(r => new ReportPlots.NamedHistory(r.Name, r.Metrics.Epochs)).ToList());
        var s = new StringBuilder();
        s.AppendLine("# Comparison").AppendLine();
        s.AppendLine("| " + string.Join(" | ", Headers) + " |");
        s.AppendLine("|" + string.Concat(Enumerable.Repeat("---|", Headers.Count)));
        foreach (var row in rows) s.AppendLine("| " + string.Join(" | ", Cells(row)) + " |");
        s.AppendLine().AppendLine("Test loss is the mean cross-entropy (log-loss) on the test set; inference is bulk scoring through ML.NET.");
        s.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"![loss curves]({CurvesFile})").AppendLine();
        foreach (var row in rows) s.AppendLine(CultureInfo.InvariantCulture, $"- [{row.Name}]({row.Name}/report.md)");
        AtomicFile.WriteAllText(Path.Combine(folder, ReportFile), s.ToString());
    }
}
