using ClassifierToolkit.Prediction;
using Microsoft.ML;

namespace Scoring;

/// <summary>
/// From PNG files to predictions: <see cref="ImageClassifier.PredictBatch"/> (decoding in parallel, the network on
/// batches) against the saved ML.NET model's <c>Transform</c> over a view of the same paths, every row read.
/// </summary>
internal static class EndToEndBenchmark
{
    public static Comparison Run(ScoringSetup setup)
    {
        var files = setup.ImageFiles();
        using var classifier = ImageClassifier.Load(setup.ModelPath);
        var images = files.Select(ImageData.FromFile).ToList();
        var mlContext = new MLContext();
        var model = mlContext.Model.Load(setup.ModelPath, out _);
        var paths = mlContext.Data.LoadFromEnumerable(files.Select(file => new ImageInput { ImagePath = file }).ToList());

        var timing = Repeated.Measure(setup.Repeats,
            () => classifier.PredictBatch(images),
            () => MlNetScores.Read(model.Transform(paths)));
        return new Comparison("e2e", "end to end (PNG files)", "ms/image", files.Count, "batched",
            timing.ToolkitMedian * 1000 / files.Count, timing.MlNetMedian * 1000 / files.Count,
            Agreement.Of([.. timing.ToolkitOutput.Select(ScoredImage.From)], timing.MlNetOutput));
    }
}
