using ClassifierToolkit.Data;
using ClassifierToolkit.Pipelines;
using ClassifierToolkit.Prediction;
using ClassifierToolkit.Preprocessing;
using ClassifierToolkit.Tests.Support;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace ClassifierToolkit.Tests.Preprocessing;

public class ImagePreprocessingEstimatorTests
{
    [Fact]
    public void Resize_WideImage_StretchKeepsEverythingAndCenterCropKeepsTheMiddle()
    {
        var folder = TestPaths.NewTempFolder();
        try
        {
            // A 60×20 left-to-right gradient from black to white.
            var path = Path.Combine(folder, "wide.png");
            TestImages.Write(path, 60, 20, TestImages.Kind.Grey);
            var mlContext = new MLContext(1);
            var rows = mlContext.Data.LoadFromEnumerable(new[] { new ImageFile { ImagePath = path, Label = "x" } });
            float[] Pixels(ResizeKind resize) => mlContext.Classifier().Transforms
                .PreprocessImages(new ImagePreprocessingEstimator.Options { Width = 20, Height = 20, Channels = 1, Resize = resize })
                .Fit(rows).Transform(rows).GetColumn<float[]>(ColumnNames.Pixels).Single()[(20 * 20)..]; // after the alpha plane

            var stretched = Pixels(ResizeKind.Stretch);
            var cropped = Pixels(ResizeKind.CenterCrop);

            Assert.InRange(stretched.Min(), 0f, 0.1f);
            Assert.InRange(stretched.Max(), 0.9f, 1f);
            Assert.InRange(cropped.Min(), 0.25f, 0.45f);
            Assert.InRange(cropped.Max(), 0.55f, 0.75f);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void CenterCrop_IsSavedWithThePreprocessing_AndAppliedAfterReloading()
    {
        var folder = TestPaths.NewTempFolder();
        try
        {
            var path = Path.Combine(folder, "wide.png");
            TestImages.Write(path, 60, 20, TestImages.Kind.Grey);
            var mlContext = new MLContext(1);
            var preprocessing = ImagePreprocessing.Fit(mlContext, new InputShape(1, 20, 20), ResizeKind.CenterCrop);
            var modelPath = Path.Combine(folder, "preprocessing.zip");
            mlContext.Model.Save(preprocessing, SavedClassifier.InputSchema(mlContext), modelPath);

            var reloaded = mlContext.Model.Load(modelPath, out _);
            var rows = mlContext.Data.LoadFromEnumerable(new[] { new ImageInput { ImagePath = path } });
            var pixels = reloaded.Transform(rows).GetColumn<float[]>(ColumnNames.Pixels).Single();
            Assert.InRange(pixels.Min(), 0.25f, 0.45f);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
