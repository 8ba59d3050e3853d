using ClassifierToolkit.Data;
using ClassifierToolkit.Data.Sources;
using ClassifierToolkit.Evaluation;
using ClassifierToolkit.Pipelines;
using ClassifierToolkit.Prediction;
using Microsoft.ML;

namespace ClassifierToolkit.Torch.Experiments;

/// <summary>
/// The labelled pictures a saved model is tested on, whether a run's test split (an <c>IDataView</c>, read in chunks) or
/// files named on the command line, with what the report says about them.
/// </summary>
/// <param name="Score">Scores the loaded model on the pictures (batched, timed).</param>
/// <param name="SampleImages">Files whose single-image latency the report gives.</param>
/// <param name="Skipped">Files left out as unusable.</param>
/// <param name="Reduced">Pictures read at reduced size.</param>
/// <param name="Note">What the report says about the data (e.g. a sample stood in); null when nothing.</param>
internal sealed record TestImages(Func<MLContext, ImageClassifier, ClassifierMetrics> Score, IReadOnlyList<string> SampleImages,
    IReadOnlyList<SkippedImage> Skipped, IReadOnlyList<ReducedImage> Reduced, string? Note)
{
    /// <summary>How many files time the single-image latency when the caller names none.</summary>
    private const int LatencySamples = 50;

    /// <summary>A run's test split.</summary>
    public static TestImages Of(PipelineData data) =>
        new((mlContext, classifier) => ClassifierEvaluator.Evaluate(mlContext, classifier, data.Test), data.SampleImageFiles, data.Skipped, data.Reduced, data.DataNote);

    /// <summary><paramref name="files"/> (already labelled with the model's class names) from <paramref name="source"/>.</summary>
    public static TestImages Of(IReadOnlyList<ImageFile> files, LabelledImageFiles source) =>
        new((mlContext, classifier) => ClassifierEvaluator.Evaluate(mlContext, classifier, files), [.. files.Take(LatencySamples).Select(f => f.ImagePath)],
            source.Skipped, source.Reduced, source.Note);
}
