using System.Globalization;
using System.Text;
using ClassifierToolkit.Data;
using ClassifierToolkit.IO;
using ClassifierToolkit.Training;

namespace ClassifierToolkit.Evaluation;

/// <summary>Writes <c>report.md</c>: headline metrics, per-epoch history, per-class results, the plots.</summary>
public static class MarkdownReport
{
    /// <summary>The loss-curve image's file name next to the report.</summary>
    public const string LossCurveFile = "loss_curve.png";
    /// <summary>The confusion-matrix image's file name next to the report.</summary>
    public const string ConfusionMatrixFile = "confusion_matrix.png";
    /// <summary>The top-losses picture's file name next to the report: the test images the model got most confidently wrong.</summary>
    public const string TopLossesFile = "top-losses.png";

    /// <summary>Writes metrics.json, predictions.csv, report.md and the PNG plots into <paramref name="folder"/>; <paramref name="introduction"/>
    /// (Markdown) stands between the title and the metrics.</summary>
    public static void WriteAll(string folder, string title, ClassifierMetrics metrics, string? introduction = null)
    {
        Directory.CreateDirectory(folder);
        MetricsJson.Write(Path.Combine(folder, "metrics.json"), metrics);
        if (metrics.Epochs.Count > 0)
            ReportPlots.WriteLossCurves(Path.Combine(folder, LossCurveFile), [new ReportPlots.NamedHistory(title, metrics.Epochs)]);
        ReportPlots.WriteConfusionMatrix(Path.Combine(folder, ConfusionMatrixFile), metrics.Classes, metrics.ConfusionMatrix);
        // An earlier report's picture in the same folder would show mistakes this model did not make.
        var topLosses = Path.Combine(folder, TopLossesFile);
        if (metrics.TopLosses.Count > 0) TopLossGrid.Write(topLosses, metrics.TopLosses, Misclassified(metrics));
        else File.Delete(topLosses);
        // Likewise an earlier run's predictions: they would open the wrong images behind the matrix's cells.
        var predictions = Path.Combine(folder, PredictionsCsv.FileName);
        if (metrics.Predictions.Count > 0) PredictionsCsv.Write(predictions, metrics.Predictions);
        else File.Delete(predictions);
        AtomicFile.WriteAllText(Path.Combine(folder, "report.md"), Render(title, metrics, introduction));
    }

    /// <summary>The report's Markdown; <paramref name="introduction"/> (Markdown) stands between the title and the metrics.</summary>
    public static string Render(string title, ClassifierMetrics m, string? introduction = null)
    {
        var c = CultureInfo.InvariantCulture;
        var s = new StringBuilder();
        s.AppendLine(c, $"# {title}").AppendLine();
        if (introduction is not null) s.Append(introduction);
        if (m.DataNote is { } note) s.AppendLine(c, $"> **Data:** {note}").AppendLine();
        s.AppendLine("| metric | value |").AppendLine("|---|---|");
        s.AppendLine(c, $"| test accuracy (micro) | {m.MicroAccuracy:F4} |");
        s.AppendLine(c, $"| test accuracy (macro) | {m.MacroAccuracy:F4} |");
        s.AppendLine(c, $"| test log-loss | {m.LogLoss:F4} |");
        s.AppendLine(c, $"| test images | {m.TestImages} |");
        if (m.Parameters is { } p) s.AppendLine(c, $"| parameters | {p:N0} |");
        s.AppendLine(c, $"| model size (bytes) | {m.ModelSizeBytes:N0} |");
        if (m.TrainingSeconds is { } t) s.AppendLine(c, $"| training time (s) | {t:F1} |");
        s.AppendLine(c, $"| inference, bulk (ms/image) | {m.InferenceMsPerSample:F3} |");
        s.AppendLine(c, $"| inference, one file via PredictionEngine (ms) | {m.SingleImageMs:F3} |").AppendLine();
        if (m.Compute is { } compute) AppendCompute(s, compute);
        if (m.Epochs.Count > 0)
        {
            s.AppendLine("## Training").AppendLine().AppendLine(c, $"![loss curves]({LossCurveFile})").AppendLine();
            s.AppendLine("| epoch | train loss | val loss | val accuracy | seconds |").AppendLine("|---|---|---|---|---|");
            foreach (var e in m.Epochs)
                s.AppendLine(c, $"| {e.Epoch} | {e.TrainLoss:F4} | {e.ValLoss?.ToString("F4", c) ?? "–"} | {e.ValAccuracy?.ToString("F4", c) ?? "–"} | {e.Seconds:F1} |");
            s.AppendLine();
        }
        s.AppendLine("## Per class").AppendLine().AppendLine("| class | recall | precision | log-loss |").AppendLine("|---|---|---|---|");
        foreach (var result in ClassResult.Of(m))
            s.AppendLine(c, $"| {result.ClassName} | {Figure(result.Recall)} | {Figure(result.Precision)} | {Figure(result.LogLoss)} |");
        s.AppendLine().AppendLine("## Confusion matrix (rows: true class, columns: predicted)").AppendLine();
        s.AppendLine(c, $"![confusion matrix]({ConfusionMatrixFile})").AppendLine();
        s.AppendLine("| true \\ predicted | " + string.Join(" | ", m.Classes) + " |");
        s.AppendLine("|---|" + string.Concat(Enumerable.Repeat("---|", m.Classes.Count)));
        for (int k = 0; k < m.Classes.Count; k++)
            s.AppendLine($"| {m.Classes[k]} | " + string.Join(" | ", m.ConfusionMatrix[k]) + " |");
        AppendMistakes(s, m);
        if (m.SkippedFiles.Count > 0)
        {
            s.AppendLine().AppendLine(c, $"## Skipped files ({m.SkippedFiles.Count})").AppendLine();
            s.AppendLine("These files were left out as unusable; fix or remove them (or use `--strict` to refuse such data).").AppendLine();
            s.AppendLine("| file | reason |").AppendLine("|---|---|");
            foreach (var skipped in m.SkippedFiles) s.AppendLine(c, $"| `{skipped.Path}` | {skipped.Reason} |");
        }
        if (m.ReducedFiles.Count > 0)
        {
            s.AppendLine().AppendLine(c, $"## Read at reduced size ({m.ReducedFiles.Count})").AppendLine();
            s.AppendLine(c, $"These pictures are over {ImageSizeLimit.MaxPixels / 1_000_000} MP: they were used through a reduced copy (never decoded whole), not skipped.").AppendLine();
            s.AppendLine("| file | size | reduced copy |").AppendLine("|---|---|---|");
            foreach (var reduced in m.ReducedFiles) s.AppendLine(c, $"| `{reduced.Path}` | {reduced.Width}×{reduced.Height} | `{reduced.CopyPath}` |");
        }
        return s.ToString();
    }

    // Where the model goes wrong: the most confused class pairs, then the single images it got most confidently wrong.
    private static void AppendMistakes(StringBuilder s, ClassifierMetrics m)
    {
        var c = CultureInfo.InvariantCulture;
        s.AppendLine().AppendLine("## Most confused pairs").AppendLine();
        if (m.MostConfused.Count == 0) s.AppendLine("No test image was misclassified.");
        else
        {
            s.AppendLine("| true | predicted | images | share of the true class |").AppendLine("|---|---|---|---|");
            foreach (var pair in m.MostConfused)
                s.AppendLine(c, $"| {pair.TrueLabel} | {pair.PredictedLabel} | {pair.Count} | {pair.ShareOfTrueClass:P1} |");
        }
        if (m.TopLosses.Count == 0) return;
        s.AppendLine().AppendLine("## Top losses").AppendLine();
        s.AppendLine(c, $"The misclassified test images with the lowest probability on their true class ({m.TopLosses.Count} of {Misclassified(m):N0}, worst first): ");
        s.AppendLine("look here for mislabelled, ambiguous or odd pictures.").AppendLine();
        s.AppendLine(c, $"![top losses]({TopLossesFile})").AppendLine();
        s.AppendLine("| # | image | true | predicted | P(predicted) | P(true) |").AppendLine("|---|---|---|---|---|---|");
        for (int i = 0; i < m.TopLosses.Count; i++)
        {
            var loss = m.TopLosses[i];
            s.AppendLine(c, $"| {i + 1} | `{loss.Describe().Replace("|", "\\|")}` | {loss.TrueLabel} | {loss.PredictedLabel} | {loss.PredictedProbability:F4} | {loss.TrueProbability:F4} |");
        }
    }

    private static long Misclassified(ClassifierMetrics m) =>
        m.ConfusionMatrix.Select((row, t) => row.Sum() - (t < row.Count ? row[t] : 0)).Sum();

    // Timings mean little without the machine: the CPU's features and what was chosen from them.
    private static void AppendCompute(StringBuilder s, ComputeChoices compute)
    {
        var c = CultureInfo.InvariantCulture;
        s.AppendLine("## Compute").AppendLine();
        s.AppendLine(c, $"Trained on {compute.Cpu}: {compute.Precision}, {compute.MemoryFormat}, {compute.Threads} thread(s).").AppendLine();
        foreach (var reason in compute.Reasons) s.AppendLine(c, $"- {reason}");
        foreach (var warning in compute.Warnings) s.AppendLine(c, $"- **Warning:** {warning}");
        s.AppendLine();
    }

    private static string Figure(double? value) => value?.ToString("F4", CultureInfo.InvariantCulture) ?? "–";
}
