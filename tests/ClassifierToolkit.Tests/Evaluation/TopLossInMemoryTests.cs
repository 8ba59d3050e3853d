using ClassifierToolkit.Evaluation;
using ClassifierToolkit.Prediction;
using ClassifierToolkit.Tests.Support;
using Microsoft.ML;

namespace ClassifierToolkit.Tests.Evaluation;

// In-memory data (the IDX pixels, with the opaque alpha plane the toolkit adds) scored by a model trained on them: the
// top losses keep the pictures the model saw, composited as its first nodes composite them.
public class TopLossInMemoryTests(TrainedModelFixture model) : IClassFixture<TrainedModelFixture>
{
    [Fact]
    public void Evaluate_InMemoryPixels_SameTopLossesWithThePicturesTheModelSaw()
    {
        using var classifier = ImageClassifier.Load(model.ModelPath);
        Assert.True(classifier.Alpha);
        var mlContext = new MLContext(1);

        var fromPixels = ClassifierEvaluator.Evaluate(mlContext, classifier, model.TestImages.ToDataView(mlContext));
        var fromFiles = ClassifierEvaluator.Evaluate(mlContext, classifier, model.TestFiles);

        Assert.NotEmpty(fromPixels.TopLosses);
        Assert.Equal(fromFiles.TopLosses.Select(t => (t.Index, t.TrueLabel, t.PredictedLabel)), fromPixels.TopLosses.Select(t => (t.Index, t.TrueLabel, t.PredictedLabel)));
        Assert.All(fromPixels.TopLosses.Zip(fromFiles.TopLosses), pair => Assert.Equal(pair.Second.TrueProbability, pair.First.TrueProbability, 5));
        Assert.All(fromPixels.TopLosses, t =>
        {
            Assert.Null(t.ImagePath);
            Assert.Equal($"test image #{t.Index}", t.Describe());
            Assert.Equal((28, 28), (t.Pixels!.Width, t.Pixels.Height));
            // Grey and opaque: the one channel repeated, byte for byte the IDX pixels.
            var idx = model.TestImages.ImagePixels(t.Index);
            Assert.Equal(idx.ToArray(), Enumerable.Range(0, 28 * 28).Select(p => t.Pixels.Rgba[p * 4 + 1]).ToArray());
        });
    }

    [Fact]
    public void Thumbnail_TransparentPixels_ShowOnWhite_AsTheModelSeesThem()
    {
        // One grey pixel half transparent (premultiplied 0.25 at alpha 0.5), one fully transparent, one opaque black.
        float[] planar = [0.5f, 0f, 1f, 0.25f, 0f, 0f];
        var picture = ThumbnailPixels.FromPlanar(planar, 1, 1, 3, alpha: true);
        Assert.Equal([191, 255, 0], Enumerable.Range(0, 3).Select(p => (int)picture.Rgba[p * 4]).ToArray());
    }
}
