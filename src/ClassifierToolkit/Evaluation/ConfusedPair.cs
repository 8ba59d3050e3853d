namespace ClassifierToolkit.Evaluation;

/// <summary>A true class and the class the model mistook it for: an off-diagonal cell of the confusion matrix.</summary>
/// <param name="TrueLabel">The true class.</param>
/// <param name="PredictedLabel">The class predicted instead.</param>
/// <param name="Count">Test images of <paramref name="TrueLabel"/> predicted as <paramref name="PredictedLabel"/>.</param>
/// <param name="ShareOfTrueClass">That count as a fraction of the true class's test images.</param>
public sealed record ConfusedPair(string TrueLabel, string PredictedLabel, long Count, double ShareOfTrueClass)
{
    /// <summary>How many pairs reports list.</summary>
    public const int ReportedCount = 10;

    /// <summary>
    /// The non-empty off-diagonal cells of <paramref name="confusionMatrix"/> (rows: true class), most images first;
    /// ties go to the larger share of the true class, then to the matrix order. At most <paramref name="count"/>.
    /// </summary>
    public static IReadOnlyList<ConfusedPair> MostConfused(IReadOnlyList<string> classes, IReadOnlyList<IReadOnlyList<long>> confusionMatrix, int count = ReportedCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var pairs = new List<ConfusedPair>();
        for (int t = 0; t < confusionMatrix.Count && t < classes.Count; t++)
        {
            long truth = confusionMatrix[t].Sum();
            for (int p = 0; p < confusionMatrix[t].Count && p < classes.Count; p++)
                if (p != t && confusionMatrix[t][p] > 0)
                    pairs.Add(new ConfusedPair(classes[t], classes[p], confusionMatrix[t][p], (double)confusionMatrix[t][p] / truth));
        }
        // A stable sort keeps the matrix order among equal cells.
        return pairs.OrderByDescending(pair => pair.Count).ThenByDescending(pair => pair.ShareOfTrueClass).Take(count).ToList();
    }
}
