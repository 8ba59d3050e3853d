using System.Diagnostics;
using Microsoft.ML;

namespace MlNetAnchor;

/// <summary>
/// How an app serves one request: a <c>PredictionEngine</c> predicting one image file at a time, from its path (decoding
/// included). Works for any saved ML.NET classifier with an <c>ImagePath</c> input and a text <c>PredictedLabel</c>.
/// </summary>
internal static class EngineTiming
{
    /// <summary>Predicts every row once after one untimed warm-up call; a file the model fails on is counted, not timed.</summary>
    public static EngineResult Run(MLContext mlContext, ITransformer model, IReadOnlyList<ImageRow> rows)
    {
        using var engine = mlContext.Model.CreatePredictionEngine<ImageRow, ScoredRow>(model);
        engine.Predict(rows[0]);
        var times = new List<double>(rows.Count);
        var predicted = new List<string?>(rows.Count);
        var failures = new List<string>();
        foreach (var row in rows)
        {
            var clock = Stopwatch.StartNew();
            try
            {
                var label = engine.Predict(row).PredictedLabel;
                times.Add(clock.Elapsed.TotalMilliseconds);
                predicted.Add(label);
            }
            catch (Exception e)
            {
                failures.Add($"{row.ImagePath}: {e.GetType().Name}: {e.Message}");
                predicted.Add(null);
            }
        }
        times.Sort();
        return new EngineResult(rows, predicted, times, failures);
    }
}
