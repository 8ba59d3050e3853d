using ClassifierToolkit.Data;
using ClassifierToolkit.Evaluation;
using ClassifierToolkit.Prediction;
using ClassifierToolkit.Tests.Support;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace ClassifierToolkit.Tests.Evaluation;

public class ClassifierEvaluatorTests(TrainedModelFixture model) : IClassFixture<TrainedModelFixture>
{
    // The reference: the saved .zip through ML.NET's own Transform and evaluator, one row per ONNX call.
    private Microsoft.ML.Data.MulticlassClassificationMetrics MlNetMetrics()
    {
        var mlContext = new MLContext(1);
        var scored = mlContext.Model.Load(model.ModelPath, out _).Transform(mlContext.Data.LoadFromEnumerable(model.TestFiles));
        var keyData = mlContext.Data.LoadFromEnumerable(FashionMnist.ClassNames.Select(n => new LabelRow { Label = n }));
        var keyed = mlContext.Transforms.Conversion.MapValueToKey(ColumnNames.Label, keyData: keyData).Fit(scored).Transform(scored);
        return mlContext.MulticlassClassification.Evaluate(keyed);
    }

    [Fact]
    public void Evaluate_ImageFiles_SameMetricsAsMlNetTransform()
    {
        var expected = MlNetMetrics();
        using var classifier = ImageClassifier.Load(model.ModelPath);

        var metrics = ClassifierEvaluator.Evaluate(new MLContext(1), classifier, model.TestFiles);

        Assert.Equal(expected.MicroAccuracy, metrics.MicroAccuracy, 10);
        Assert.Equal(expected.MacroAccuracy, metrics.MacroAccuracy, 10);
        Assert.Equal(expected.LogLoss, metrics.LogLoss, 4);
        Assert.Equal(model.TestFiles.Count, metrics.TestImages);
        Assert.Equal(model.TestFiles.Count, metrics.ConfusionMatrix.Sum(row => row.Sum()));
        Assert.True(metrics.InferenceMsPerSample > 0);
    }

    [Fact]
    public void Evaluate_InMemoryPixels_SameMetricsAsFromTheFiles()
    {
        using var classifier = ImageClassifier.Load(model.ModelPath);
        var mlContext = new MLContext(1);

        var fromPixels = ClassifierEvaluator.Evaluate(mlContext, classifier, model.TestImages.ToDataView(mlContext));
        var fromFiles = ClassifierEvaluator.Evaluate(mlContext, classifier, model.TestFiles);

        Assert.Equal(fromFiles.MicroAccuracy, fromPixels.MicroAccuracy, 10);
        Assert.Equal(fromFiles.LogLoss, fromPixels.LogLoss, 5);
        Assert.Equal(fromFiles.ConfusionMatrix, fromPixels.ConfusionMatrix);
    }

    [Fact]
    public void Evaluate_NoFiles_SaysThereIsNothingToEvaluate()
    {
        using var classifier = ImageClassifier.Load(model.ModelPath);
        var error = Assert.Throws<InvalidDataException>(() => ClassifierEvaluator.Evaluate(new MLContext(1), classifier, Array.Empty<ImageFile>()));
        Assert.Contains("empty", error.Message);
    }

    private sealed class LabelRow
    {
        public string Label { get; set; } = "";
    }
}
