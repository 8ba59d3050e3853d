using System.Text.Json;
using ClassifierToolkit.Evaluation;
using ClassifierToolkit.IO;
using ClassifierToolkit.Prediction;
using ClassifierToolkit.Training;
using Microsoft.ML;

namespace ClassifierToolkit.Torch.Experiments;

/// <summary>
/// Evaluate-and-report, the one path for <c>ctk train</c>, a search's final test and <c>ctk evaluate</c>: a model loaded once
/// is scored on its test pictures (batched), timed one image at a time through plain ML.NET, and written up as
/// metrics.json, report.md, plots and versions.json.
/// </summary>
internal static class ModelEvaluation
{
    /// <summary>The test metrics of <paramref name="classifier"/>, with its size, single-image latency and how it was trained;
    /// <paramref name="complete"/> adds what the caller knows (the training's history). Writes the report into
    /// <paramref name="reportDirectory"/> unless it is null.</summary>
    public static ClassifierMetrics EvaluateAndReport(MLContext mlContext, ImageClassifier classifier, TestImages test, string? reportDirectory, string title,
        Func<ClassifierMetrics, ClassifierMetrics>? complete = null)
    {
        var metrics = test.Score(mlContext, classifier) with
        {
            SkippedFiles = test.Skipped,
            ReducedFiles = test.Reduced,
            DataNote = test.Note,
            ModelSizeBytes = classifier.Identity.SizeBytes,
            SingleImageMs = ClassifierEvaluator.TimeSingleImage(mlContext, classifier, test.SampleImages),
            Compute = TrainedWith(classifier),
        };
        if (complete is not null) metrics = complete(metrics);
        if (reportDirectory is not null)
        {
            MarkdownReport.WriteAll(reportDirectory, title, metrics);
            AtomicFile.WriteAllText(Path.Combine(reportDirectory, "versions.json"), JsonSerializer.Serialize(RuntimeVersions(), new JsonSerializerOptions { WriteIndented = true }));
        }
        return metrics;
    }

    /// <summary>Loads <paramref name="modelPath"/> once and evaluates it (see the other overload).</summary>
    public static ClassifierMetrics EvaluateAndReport(MLContext mlContext, string modelPath, TestImages test, string? reportDirectory, string title,
        Func<ClassifierMetrics, ClassifierMetrics>? complete = null)
    {
        using var classifier = ImageClassifier.Load(new ImageClassifier.Options { ModelPath = modelPath }, mlContext);
        return EvaluateAndReport(mlContext, classifier, test, reportDirectory, title, complete);
    }

    // How the model was trained (CPU, precision, layout, threads), from its network's metadata; null for a model saved
    // before the toolkit recorded it.
    private static ComputeChoices? TrainedWith(ImageClassifier classifier) =>
        classifier.Metadata.TryGetValue(ComputeChoices.MetadataKey, out var json) ? ComputeChoices.FromJson(json) : null;

    private static Dictionary<string, string> RuntimeVersions() => new()
    {
        ["ClassifierToolkit"] = typeof(ModelEvaluation).Assembly.GetName().Version?.ToString() ?? "?",
        ["Microsoft.ML"] = typeof(MLContext).Assembly.GetName().Version?.ToString() ?? "?",
        ["TorchSharp"] = typeof(TorchSharp.torch).Assembly.GetName().Version?.ToString() ?? "?",
        [".NET"] = Environment.Version.ToString(),
        ["os"] = System.Runtime.InteropServices.RuntimeInformation.OSDescription,
    };
}
