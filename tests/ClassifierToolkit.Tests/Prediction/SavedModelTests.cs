using ClassifierToolkit.Data;
using ClassifierToolkit.Prediction;
using ClassifierToolkit.Tests.Support;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace ClassifierToolkit.Tests.Prediction;

public class SavedModelTests(TrainedModelFixture model) : IClassFixture<TrainedModelFixture>
{
    [Fact]
    public void Load_InFreshContext_PredictsExactlyWhatTheTrainedTransformerPredicts()
    {
        var inMemory = model.Trained.Transformer.Transform(model.TestImages.ToDataView(model.MLContext));
        var expected = inMemory.GetColumn<float[]>(ColumnNames.Score).ToList();

        var fresh = new MLContext();
        var loaded = fresh.Model.Load(model.ModelPath, out var inputSchema);
        var fromFiles = loaded.Transform(fresh.Data.LoadFromEnumerable(model.TestFiles.Select(f => new ImageInput { ImagePath = f.ImagePath })));
        var actual = fromFiles.GetColumn<float[]>(ColumnNames.Score).ToList();

        Assert.Equal([ColumnNames.ImagePath], inputSchema.Select(c => c.Name));
        Assert.Equal(expected.Count, actual.Count);
        for (int i = 0; i < expected.Count; i++) Assert.Equal(expected[i], actual[i]);
    }

    [Fact]
    public void PredictionEngine_ImageFile_GivesClassNameAndProbabilitiesSummingToOne()
    {
        var fresh = new MLContext();
        var engine = fresh.Model.CreatePredictionEngine<ImageInput, ImagePrediction>(fresh.Model.Load(model.ModelPath, out _));
        foreach (var file in model.TestFiles.Take(20))
        {
            var prediction = engine.Predict(new ImageInput { ImagePath = file.ImagePath });
            Assert.Equal(10, prediction.Score.Length);
            Assert.Equal(1.0, prediction.Score.Sum(), 4);
            Assert.Equal(FashionMnist.ClassNames[Array.IndexOf(prediction.Score, prediction.Score.Max())], prediction.PredictedLabel);
        }
    }

    [Fact]
    public void Score_SlotNames_AreTheClassNames()
    {
        using var classifier = ImageClassifier.Load(model.ModelPath);
        Assert.Equal(FashionMnist.ClassNames, classifier.ClassNames);
    }

    [Fact]
    public void SavedModel_OnTestImages_IsWellAboveChance()
    {
        using var classifier = ImageClassifier.Load(model.ModelPath);
        int correct = model.TestFiles.Count(f => classifier.Predict(f.ImagePath).PredictedLabel == f.Label);
        Assert.True(correct > 0.6 * model.TestFiles.Count, $"{correct} of {model.TestFiles.Count} correct (chance: 10%).");
    }

    [Fact]
    public void Evaluate_MlNetEvaluator_AcceptsTheSavedModelsOutput()
    {
        var fresh = new MLContext();
        var loaded = fresh.Model.Load(model.ModelPath, out _);
        var keyData = fresh.Data.LoadFromEnumerable(FashionMnist.ClassNames.Select(n => new LabelRow { Label = n }));
        var scored = loaded.Transform(fresh.Data.LoadFromEnumerable(model.TestFiles));
        var metrics = fresh.MulticlassClassification.Evaluate(fresh.Transforms.Conversion.MapValueToKey(ColumnNames.Label, keyData: keyData).Fit(scored).Transform(scored));
        Assert.InRange(metrics.MicroAccuracy, 0.6, 1.0);
        Assert.Equal(10, metrics.ConfusionMatrix.NumberOfClasses);
    }

    [Fact]
    public void Predict_CorruptImage_ThrowsClearError()
    {
        var path = Path.Combine(TestPaths.NewTempFolder(), "broken.png");
        File.WriteAllBytes(path, [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3]);
        using var classifier = ImageClassifier.Load(model.ModelPath);
        var error = Assert.Throws<InvalidDataException>(() => classifier.Predict(path));
        Assert.Contains("could not be read as an image", error.Message);
        Assert.Contains("broken.png", error.Message);
    }

    [Fact]
    public void Top_ReturnsMostLikelyFirst()
    {
        using var classifier = ImageClassifier.Load(model.ModelPath);
        var top = classifier.Predict(model.TestFiles[0].ImagePath).Top(3);
        Assert.Equal(3, top.Count);
        Assert.True(top[0].Probability >= top[1].Probability && top[1].Probability >= top[2].Probability);
    }

    private sealed class LabelRow
    {
        public string Label { get; set; } = "";
    }
}
