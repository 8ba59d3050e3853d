namespace ClassifierToolkit.Evaluation;

/// <summary>One class's test results, from the confusion matrix (rows: true class) and ML.NET's per-class log-loss.</summary>
/// <param name="ClassName">The class.</param>
/// <param name="Images">Test images of the class (its row's sum).</param>
/// <param name="Predicted">Test images predicted as the class (its column's sum).</param>
/// <param name="Correct">Images of the class predicted as it (the diagonal cell).</param>
/// <param name="LogLoss">ML.NET's log-loss for the class; null when the metrics have none.</param>
internal sealed record ClassResult(string ClassName, long Images, long Predicted, long Correct, double? LogLoss)
{
    /// <summary>Correct / images; null without images of the class.</summary>
    public double? Recall => Images == 0 ? null : (double)Correct / Images;

    /// <summary>Correct / predicted; null when nothing was predicted as the class.</summary>
    public double? Precision => Predicted == 0 ? null : (double)Correct / Predicted;

    /// <summary>Every class of <paramref name="metrics"/>, in its order.</summary>
    public static IReadOnlyList<ClassResult> Of(ClassifierMetrics metrics)
    {
        var m = metrics.ConfusionMatrix;
        return [.. metrics.Classes.Select((name, k) => new ClassResult(name, k < m.Count ? m[k].Sum() : 0, m.Sum(row => k < row.Count ? row[k] : 0),
            k < m.Count && k < m[k].Count ? m[k][k] : 0, k < metrics.PerClassLogLoss.Count ? metrics.PerClassLogLoss[k] : null))];
    }
}
