using ClassifierToolkit.Data;
using ClassifierToolkit.Prediction;
using ClassifierToolkit.Preprocessing;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Scoring;

/// <summary>
/// The network alone on preprocessed pixels (the Fashion-MNIST test images, scaled as the saved preprocessing scales them):
/// <see cref="ImageClassifier.PredictPixels"/> on all images at once against ML.NET's scorer (<c>ApplyOnnxModel</c>,
/// one ONNX Runtime call per row) over a view of the same pixels, every row read.
/// </summary>
internal static class ModelOnlyBenchmark
{
    public static Comparison Run(ScoringSetup setup)
    {
        using var classifier = ImageClassifier.Load(setup.ModelPath);
        var images = FashionMnist.Load(DataSplitKind.Test, limit: setup.Limit);
        if (images.ImageSize != classifier.PixelsPerImage)
            throw new InvalidOperationException($"The model-only measurement feeds Fashion-MNIST's {images.Channels}×{images.Height}×{images.Width} pixels, " +
                $"but '{setup.ModelPath}' takes {classifier.Channels}×{classifier.Height}×{classifier.Width}. Leave it out with --only e2e, latency or soak.");
        var pixels = new float[images.Count * images.ImageSize];
        for (int i = 0; i < images.Count; i++) PixelScaling.ToUnitRange(images.ImagePixels(i)).CopyTo(pixels.AsSpan(i * images.ImageSize));

        var mlContext = new MLContext();
        // A saved model is the chain (preprocessing, scorer): ML.NET's scorer is its last element.
        var scorer = ((TransformerChain<ITransformer>)mlContext.Model.Load(setup.ModelPath, out _)).LastTransformer;
        var view = PixelRows.ToDataView(mlContext, pixels,
            new VectorDataViewType(NumberDataViewType.Single, classifier.Channels, classifier.Height, classifier.Width));

        var timing = Repeated.Measure(setup.Repeats,
            () => classifier.PredictPixels(pixels, images.Count),
            () => MlNetScores.Read(scorer.Transform(view)));
        return new Comparison("model_only", "model only (in-memory pixels)", "ms/image", images.Count, "batched",
            timing.ToolkitMedian * 1000 / images.Count, timing.MlNetMedian * 1000 / images.Count,
            Agreement.Of([.. timing.ToolkitOutput.Select(ScoredImage.From)], timing.MlNetOutput));
    }
}
