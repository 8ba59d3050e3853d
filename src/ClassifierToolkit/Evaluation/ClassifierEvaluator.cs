using System.Diagnostics;
using ClassifierToolkit.Prediction;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace ClassifierToolkit.Evaluation;

/// <summary>Test metrics of a classifier via <c>mlContext.MulticlassClassification.Evaluate</c>, plus inference timing.</summary>
public static class ClassifierEvaluator
{
    /// <summary>
    /// Scores <paramref name="testData"/> (a <c>Label</c> column of class names plus what <paramref name="scorer"/> reads)
    /// and evaluates. <see cref="ClassifierMetrics.InferenceMsPerSample"/> is the bulk scoring time per image.
    /// </summary>
    public static ClassifierMetrics Evaluate(MLContext mlContext, ITransformer scorer, IDataView testData, IReadOnlyList<string> classNames)
    {
        var keyData = mlContext.Data.LoadFromEnumerable(classNames.Select(name => new LabelRow { Label = name }));
        var toKey = mlContext.Transforms.Conversion.MapValueToKey(ColumnNames.Label, keyData: keyData).Fit(testData);
        var clock = Stopwatch.StartNew();
        // Materialize the scores once: the timing covers scoring, and the evaluator reads the cached rows.
        var scored = mlContext.Data.Cache(scorer.Transform(testData));
        int count = ScoreAll(scored);
        var elapsed = clock.Elapsed.TotalMilliseconds;
        if (count == 0) throw new InvalidDataException("The test data is empty: there is nothing to evaluate.");
        var metrics = mlContext.MulticlassClassification.Evaluate(toKey.Transform(scored), ColumnNames.Label, ColumnNames.Score, ColumnNames.PredictedLabel);
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
            TestImages = count,
            InferenceMsPerSample = elapsed / count,
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

    private static int ScoreAll(IDataView scored)
    {
        var column = scored.Schema[ColumnNames.Score];
        using var cursor = scored.GetRowCursor([column]);
        var getter = cursor.GetGetter<VBuffer<float>>(column);
        VBuffer<float> buffer = default;
        int count = 0;
        while (cursor.MoveNext())
        {
            getter(ref buffer);
            count++;
        }
        return count;
    }

    private sealed class LabelRow
    {
        public string Label { get; set; } = "";
    }
}
