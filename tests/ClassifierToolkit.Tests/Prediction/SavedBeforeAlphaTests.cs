using ClassifierToolkit.Data;
using ClassifierToolkit.Prediction;
using ClassifierToolkit.Tests.Support;
using Microsoft.ML;

namespace ClassifierToolkit.Tests.Prediction;

/// <summary>A model saved before the toolkit read alpha (the shipped seed CNN: 1×28×28 Pixels, no alpha plane) loads and
/// predicts as it always did, through ML.NET alone and through the batched scorer.</summary>
public class SavedBeforeAlphaTests
{
    private static string ShippedModel => Path.Combine(TestPaths.RepoRoot, "models", "fashion-mnist-cnn.zip");

    [Fact]
    public void ShippedModel_TakesNoAlphaPlane_AndTheBatchedScorerPredictsAsMlNet()
    {
        var folder = TestPaths.NewTempFolder();
        var files = PngExporter.Export(SampleData.Test.Take(8), Path.Combine(folder, "png")).Select(f => f.ImagePath).ToList();
        var (black, red) = TransparentPictures.WritePair(folder, 40);
        string[] pictures = [.. files, black, red];

        using var engine = MlNetEngine.Load(ShippedModel);
        using var batched = ImageClassifier.Load(ShippedModel);
        var fromBatch = batched.PredictBatch([.. pictures.Select(ImageData.FromFile)]);

        Assert.Equal((1, false, 1, 784), (batched.Channels, batched.Alpha, batched.PixelPlanes, batched.PixelsPerImage));
        for (int i = 0; i < pictures.Length; i++)
        {
            var expected = engine.Predict(pictures[i]);
            Assert.Equal(expected.PredictedLabel, fromBatch[i].PredictedLabel);
            Assert.True(expected.Score.Zip(fromBatch[i].Scores).Max(p => Math.Abs(p.First - p.Second)) < 1e-5, Path.GetFileName(pictures[i]));
        }
        // Its own chain still reads transparent pixels as black (premultiplied colour), whatever the file hid there.
        var pixels = batched.Preprocess([ImageData.FromFile(black), ImageData.FromFile(red)]);
        Assert.Equal(pixels[..784], pixels[784..]);
        Assert.Equal(0f, pixels[0]);
    }

    [Fact]
    public void ShippedModel_EvaluatedOnInMemoryImagesWithAnAlphaPlane_SaysWhatIsWrong()
    {
        var mlContext = new MLContext(1);
        using var batched = ImageClassifier.Load(ShippedModel);

        var error = Assert.Throws<InvalidDataException>(() =>
            ClassifierToolkit.Evaluation.ClassifierEvaluator.Evaluate(mlContext, batched, SampleData.Test.Take(4).ToDataView(mlContext)));

        Assert.Contains("no alpha plane", error.Message);
    }
}
