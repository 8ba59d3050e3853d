namespace ClassifierToolkit.Prediction;

/// <summary>What a served model says about one image.</summary>
/// <param name="PredictedLabel">The most likely class.</param>
/// <param name="Scores">Probabilities per class (sum 1), in the order of <paramref name="ClassNames"/>.</param>
/// <param name="ClassNames">The model's classes.</param>
public sealed record ClassifierPrediction(string PredictedLabel, float[] Scores, IReadOnlyList<string> ClassNames)
{
    /// <summary>The <paramref name="count"/> most likely classes, most likely first.</summary>
    public IReadOnlyList<ClassProbability> Top(int count = 3)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        return Scores.Select((p, i) => new ClassProbability(ClassNames[i], p)).OrderByDescending(c => c.Probability).Take(count).ToList();
    }

    internal static ClassifierPrediction From(ReadOnlySpan<float> probabilities, IReadOnlyList<string> classNames)
    {
        int best = 0;
        for (int k = 1; k < probabilities.Length; k++) if (probabilities[k] > probabilities[best]) best = k;
        return new ClassifierPrediction(classNames[best], probabilities.ToArray(), classNames);
    }
}
