using ClassifierToolkit.Prediction;

namespace ClassifierToolkit.Evaluation;

/// <summary>
/// Keeps the misclassified test images with the lowest probability on their true class as predictions stream past,
/// so a test set of any size needs memory for <c>capacity</c> images only (pictures included, for in-memory data).
/// </summary>
internal sealed class TopLossCollector
{
    // Lowest true-class probability first; the earlier image wins a tie, so the order never depends on scoring order.
    private static readonly Comparer<TopLoss> WorstFirst = Comparer<TopLoss>.Create((a, b) =>
        a.TrueProbability != b.TrueProbability ? a.TrueProbability.CompareTo(b.TrueProbability) : a.Index.CompareTo(b.Index));

    private readonly Dictionary<string, int> _classIndex;
    private readonly int _capacity;
    private readonly SortedSet<TopLoss> _kept = new(WorstFirst);

    public TopLossCollector(IReadOnlyList<string> classNames, int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        _classIndex = classNames.Select((name, k) => (name, k)).ToDictionary(c => c.name, c => c.k);
        _capacity = capacity;
    }

    /// <summary>Considers one scored image; <paramref name="picture"/> is made only when the image is kept.</summary>
    public void Offer(int index, string trueLabel, ClassifierPrediction prediction, string? imagePath, Func<ThumbnailPixels>? picture = null)
    {
        if (_capacity == 0 || prediction.PredictedLabel == trueLabel) return;
        // A label the model does not know has probability 0: the worst miss there is.
        double trueProbability = _classIndex.TryGetValue(trueLabel, out int k) ? prediction.Scores[k] : 0;
        var candidate = new TopLoss { Index = index, TrueLabel = trueLabel, PredictedLabel = prediction.PredictedLabel, TrueProbability = trueProbability };
        if (_kept.Count == _capacity && WorstFirst.Compare(candidate, _kept.Max!) >= 0) return;
        _kept.Add(candidate with
        {
            ImagePath = imagePath,
            PredictedProbability = _classIndex.TryGetValue(prediction.PredictedLabel, out int p) ? prediction.Scores[p] : prediction.Scores.Max(),
            Pixels = picture?.Invoke(),
        });
        if (_kept.Count > _capacity) _kept.Remove(_kept.Max!);
    }

    /// <summary>The kept images, worst first.</summary>
    public IReadOnlyList<TopLoss> Result() => [.. _kept];
}
