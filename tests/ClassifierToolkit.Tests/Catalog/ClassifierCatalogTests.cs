using ClassifierToolkit.Data;
using ClassifierToolkit.Pipelines;
using ClassifierToolkit.Prediction;
using ClassifierToolkit.Preprocessing;
using ClassifierToolkit.Tests.Support;
using ClassifierToolkit.Torch.Training;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace ClassifierToolkit.Tests.Catalog;

/// <summary>The README's C# route: a pipeline built from the catalog, fitted on image files, saved, loaded and evaluated.</summary>
public class ClassifierCatalogTests(TrainedModelFixture model) : IClassFixture<TrainedModelFixture>
{
    [Fact]
    public void Pipeline_FromImageFiles_LearnsAndServesTheSamePredictionsAfterSaving()
    {
        var folder = TestPaths.NewTempFolder();
        try
        {
            var mlContext = new MLContext(seed: 3);
            var catalog = mlContext.Classifier();
            var trainFiles = mlContext.Data.LoadFromEnumerable(PngExporter.Export(SampleData.Train.Take(1200), Path.Combine(folder, "train")));
            var testFiles = model.TestFiles;
            var pipeline = catalog.Transforms.PreprocessImages(width: 28, height: 28, channels: 1)
                .Append(catalog.Trainers.ImageClassification(new ImageClassifierTrainer.Options
                {
                    Training = new TrainingSpec { Epochs = 2, Seed = 3 }, Mean = [0.5f], Std = [0.5f],
                }));

            var fitted = pipeline.Fit(trainFiles);
            var inMemory = catalog.Evaluation.Evaluate(fitted.Transform(mlContext.Data.LoadFromEnumerable(testFiles)));
            var path = Path.Combine(folder, "model.zip");
            mlContext.Model.Save(fitted, trainFiles.Schema, path);
            using var loaded = catalog.Prediction.Load(path);
            var reloaded = catalog.Evaluation.Evaluate(loaded, testFiles);

            Assert.True(inMemory.MicroAccuracy > 0.5, $"accuracy {inMemory.MicroAccuracy:F3} (chance is 0.1)");
            Assert.Equal(FashionMnist.ClassNames.Order(StringComparer.Ordinal), loaded.ClassNames);
            Assert.Equal(inMemory.MicroAccuracy, reloaded.MicroAccuracy, 6);
            Assert.Equal(inMemory.ConfusionMatrix, reloaded.ConfusionMatrix);
            Assert.Equal(inMemory.LogLoss, reloaded.LogLoss, 4);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void PreprocessImages_SimpleAndOptionsOverloads_GiveTheSamePixels()
    {
        var mlContext = new MLContext(1);
        var files = mlContext.Data.LoadFromEnumerable(model.TestFiles.Take(5));
        var simple = mlContext.Classifier().Transforms.PreprocessImages(28, 28, channels: 1).Fit(files).Transform(files);
        var options = mlContext.Classifier().Transforms.PreprocessImages(new ImagePreprocessingEstimator.Options { Width = 28, Height = 28, Channels = 1 })
            .Fit(files).Transform(files);

        var expected = simple.GetColumn<float[]>(ColumnNames.Pixels).ToList();
        Assert.Equal(expected, options.GetColumn<float[]>(ColumnNames.Pixels).ToList());
        Assert.All(expected, pixels => Assert.Equal(2 * 28 * 28, pixels.Length)); // the alpha plane, then grey
        Assert.Equal(expected, ImagePreprocessing.Fit(mlContext, model.Shape).Transform(files).GetColumn<float[]>(ColumnNames.Pixels).ToList());
    }

    [Fact]
    public void PreprocessImages_NoImagePathColumn_SaysWhatToGive()
    {
        var mlContext = new MLContext(1);
        var pixelsOnly = SampleData.Test.Take(3).ToDataView(mlContext);
        var error = Assert.Throws<ArgumentException>(() => mlContext.Classifier().Transforms.PreprocessImages(28, 28).Fit(pixelsOnly));
        Assert.Contains("'ImagePath'", error.Message);
        Assert.Contains(nameof(ImageFile), error.Message);
    }

    [Fact]
    public void PreprocessImages_BadChannels_FailsWhenBuilt()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new MLContext(1).Classifier().Transforms.PreprocessImages(28, 28, channels: 2));
        Assert.Contains("1 (grey) or 3 (RGB)", error.Message);
    }

    [Fact]
    public void ImageClassification_SimpleOverload_ChecksTheModelNameLikeTheOptionsOverload()
    {
        var trainers = new MLContext(1).Classifier().Trainers;
        var simple = Assert.Throws<PipelineSpecException>(() => trainers.ImageClassification("resnet81"));
        var options = Assert.Throws<PipelineSpecException>(() => trainers.ImageClassification(new ImageClassifierTrainer.Options { Model = new() { Name = "resnet81" } }));
        Assert.Equal(options.Message, simple.Message);
        Assert.Contains("Did you mean", simple.Message);
    }

    [Fact]
    public void Evaluate_DataThatIsNoClassifierOutput_NamesTheMissingColumn()
    {
        var mlContext = new MLContext(1);
        var files = mlContext.Data.LoadFromEnumerable(model.TestFiles.Take(3));
        var error = Assert.Throws<ArgumentException>(() => mlContext.Classifier().Evaluation.Evaluate(files));
        Assert.Contains("'PredictedLabel'", error.Message);
        Assert.Contains("model.Transform(testData)", error.Message);
    }

    [Fact]
    public void PredictionLoad_Options_BatchSizeChangesNothingButTheBatches()
    {
        var catalog = new MLContext(1).Classifier();
        // 70 images: by default one batch, in 3 runs spread over the threads; with one thread a batch of 69 in 3 runs one
        // after another on the one session, then a batch of 1.
        var images = model.TestFiles.Take(70).Select(f => ImageData.FromFile(f.ImagePath)).ToList();
        using var byDefault = catalog.Prediction.Load(model.ModelPath);
        using var small = catalog.Prediction.Load(new ImageClassifier.Options { ModelPath = model.ModelPath, BatchSize = 69, Threads = 1 });

        Assert.Equal(69, small.BatchSize);
        var expected = byDefault.PredictBatch(images);
        var actual = small.PredictBatch(images);
        Assert.Equal(expected.Select(p => p.PredictedLabel), actual.Select(p => p.PredictedLabel));
        Assert.Equal(expected.SelectMany(p => p.Scores), actual.SelectMany(p => p.Scores), (a, b) => Math.Abs(a - b) < 1e-5f);
    }
}
