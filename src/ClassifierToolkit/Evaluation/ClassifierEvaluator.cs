using System.Diagnostics;
using ClassifierToolkit.Data;
using ClassifierToolkit.Prediction;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace ClassifierToolkit.Evaluation;

/// <summary>Test metrics of a saved classifier via <c>mlContext.MulticlassClassification.Evaluate</c>, scored on the batched path, plus inference timing.</summary>
public static class ClassifierEvaluator
{
    /// <summary>
    /// Evaluates <paramref name="classifier"/> end to end on image files: decoded in parallel and scored in batches.
    /// <see cref="ClassifierMetrics.InferenceMsPerSample"/> is that time per image.
    /// </summary>
    /// <exception cref="InvalidDataException">No files, or an image that cannot be read (named).</exception>
    public static ClassifierMetrics Evaluate(MLContext mlContext, BatchImageClassifier classifier, IReadOnlyList<ImageFile> testFiles)
    {
        if (testFiles.Count == 0) throw new InvalidDataException("The test data is empty: there is nothing to evaluate.");
        var clock = Stopwatch.StartNew();
        var predictions = classifier.PredictBatch([.. testFiles.Select(f => ImageData.FromFile(f.ImagePath))]);
        return Evaluate(mlContext, [.. testFiles.Select(f => f.Label)], predictions, classifier.ClassNames, clock.Elapsed);
    }

    /// <summary>
    /// Evaluates <paramref name="classifier"/>'s network on preprocessed images (<paramref name="testData"/> has <c>Pixels</c>
    /// and a <c>Label</c> of class names, as the toolkit's data sources give them), scored in batches.
    /// </summary>
    /// <exception cref="InvalidDataException">The test data is empty.</exception>
    public static ClassifierMetrics Evaluate(MLContext mlContext, BatchImageClassifier classifier, IDataView testData)
    {
        var labels = testData.GetColumn<string>(ColumnNames.Label).ToList();
        if (labels.Count == 0) throw new InvalidDataException("The test data is empty: there is nothing to evaluate.");
        var pixels = new float[labels.Count * classifier.PixelsPerImage];
        int offset = 0;
        foreach (var image in testData.GetColumn<float[]>(ColumnNames.Pixels))
        {
            image.CopyTo(pixels, offset);
            offset += image.Length;
        }
        var clock = Stopwatch.StartNew();
        var predictions = classifier.PredictPixels(pixels, labels.Count);
        return Evaluate(mlContext, labels, predictions, classifier.ClassNames, clock.Elapsed);
    }

    // ML.NET's multiclass evaluator over predictions made elsewhere: the metrics are ML.NET's own.
    private static ClassifierMetrics Evaluate(MLContext mlContext, IReadOnlyList<string> labels, IReadOnlyList<ClassifierPrediction> predictions,
        IReadOnlyList<string> classNames, TimeSpan scoringTime)
    {
        var schema = SchemaDefinition.Create(typeof(ScoredRow));
        schema[nameof(ScoredRow.Score)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, classNames.Count);
        var rows = labels.Zip(predictions, (label, p) => new ScoredRow { Label = label, Score = p.Scores, PredictedLabel = p.PredictedLabel });
        var scored = mlContext.Data.LoadFromEnumerable(rows, schema);
        var keyData = mlContext.Data.LoadFromEnumerable(classNames.Select(name => new LabelRow { Label = name }));
        var toKeys = mlContext.Transforms.Conversion.MapValueToKey(ColumnNames.Label, keyData: keyData)
            .Append(mlContext.Transforms.Conversion.MapValueToKey(ColumnNames.PredictedLabel, keyData: keyData)).Fit(scored);
        var metrics = mlContext.MulticlassClassification.Evaluate(toKeys.Transform(scored), ColumnNames.Label, ColumnNames.Score, ColumnNames.PredictedLabel);
        var confusion = metrics.ConfusionMatrix;
        return new ClassifierMetrics
        {
            MicroAccuracy = metrics.MicroAccuracy,
            MacroAccuracy = metrics.MacroAccuracy,
            LogLoss = metrics.LogLoss,
            PerClassLogLoss = metrics.PerClassLogLoss.ToList(),
            Classes = classNames.ToList(),
            ConfusionMatrix = Enumerable.Range(0, confusion.NumberOfClasses)
                .Select(t => (IReadOnlyList<long>)Enumerable.Range(0, confusion.NumberOfClasses).Select(p => (long)confusion.Counts[t][p]).ToList()).ToList(),
            TestImages = labels.Count,
            InferenceMsPerSample = scoringTime.TotalMilliseconds / labels.Count,
        };
    }

    /// <summary>Mean milliseconds to predict one image file through a <c>PredictionEngine</c> (after a warm-up call).</summary>
    public static double TimeSingleImage(ImageClassifier classifier, IReadOnlyList<string> imagePaths)
    {
        if (imagePaths.Count == 0) return double.NaN;
        classifier.Predict(imagePaths[0]);
        var clock = Stopwatch.StartNew();
        foreach (var path in imagePaths) classifier.Predict(path);
        return clock.Elapsed.TotalMilliseconds / imagePaths.Count;
    }

    private sealed class ScoredRow
    {
        public string Label { get; set; } = "";
        public float[] Score { get; set; } = [];
        public string PredictedLabel { get; set; } = "";
    }

    private sealed class LabelRow
    {
        public string Label { get; set; } = "";
    }
}
