namespace ClassifierToolkit.AutoML.Selection;

/// <summary>
/// Greedy ensemble selection with replacement (Caruana et al., 2004; AutoGluon's weighted ensemble): starting from nothing,
/// each round adds the model whose addition makes the averaged validation probabilities most accurate (log-loss breaks ties),
/// a model may be added again (which raises its weight), and the best ensemble over all rounds is kept. Weights are how
/// often each model was added, so they are chosen on validation, not fitted freely, and overfit it little.
/// </summary>
internal static class EnsembleSelection
{
    /// <summary>Rounds of selection: the weights' resolution is 1/<c>Rounds</c>.</summary>
    public const int Rounds = 20;

    /// <summary>The chosen weights, one per model (zero for models left out), summing to 1.</summary>
    /// <param name="probabilities">Per model: validation probabilities, <paramref name="classes"/> values per image.</param>
    /// <param name="labels">Each image's true class.</param>
    /// <param name="classes">Classes per row.</param>
    /// <param name="maxMembers">At most this many different models.</param>
    /// <param name="allowed">Whether a set of models (by index) may be served, e.g. under a latency limit; null allows all.</param>
    public static double[] Select(IReadOnlyList<float[]> probabilities, IReadOnlyList<int> labels, int classes, int maxMembers,
        Func<IReadOnlyCollection<int>, bool>? allowed = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMembers, 1);
        if (probabilities.Count == 0) throw new ArgumentException("No models to choose from.", nameof(probabilities));
        int models = probabilities.Count, images = labels.Count;
        var sum = new double[images * classes];
        var counts = new int[models];
        var bestCounts = new int[models];
        (double Accuracy, double LogLoss) best = (double.NegativeInfinity, double.PositiveInfinity);
        for (int round = 1; round <= Rounds; round++)
        {
            var members = counts.Select((c, m) => (c, m)).Where(p => p.c > 0).Select(p => p.m).ToHashSet();
            int chosen = -1;
            (double Accuracy, double LogLoss) chosenScore = (double.NegativeInfinity, double.PositiveInfinity);
            for (int m = 0; m < models; m++)
            {
                if (!members.Contains(m) && (members.Count >= maxMembers || allowed is not null && !allowed([.. members, m]))) continue;
                var score = Evaluate(sum, probabilities[m], round, labels, classes);
                if (Better(score, chosenScore)) (chosen, chosenScore) = (m, score);
            }
            if (chosen < 0) break;
            counts[chosen]++;
            var added = probabilities[chosen];
            for (int i = 0; i < sum.Length; i++) sum[i] += added[i];
            if (Better(chosenScore, best)) (best, bestCounts) = (chosenScore, (int[])counts.Clone());
        }
        int total = bestCounts.Sum();
        if (total == 0) throw new ArgumentException("No set of models is allowed (the latency limit is below every model's time).", nameof(allowed));
        return [.. bestCounts.Select(c => (double)c / total)];
    }

    /// <summary>Accuracy and mean log-loss of weighted probabilities.</summary>
    public static (double Accuracy, double LogLoss) Evaluate(IReadOnlyList<float[]> probabilities, IReadOnlyList<double> weights, IReadOnlyList<int> labels, int classes)
    {
        var sum = new double[labels.Count * classes];
        for (int m = 0; m < probabilities.Count; m++)
            if (weights[m] > 0)
                for (int i = 0; i < sum.Length; i++) sum[i] += weights[m] * probabilities[m][i];
        return Evaluate(sum, new float[sum.Length], 1, labels, classes);
    }

    // Accuracy and log-loss of (sum + added) / divisor.
    private static (double Accuracy, double LogLoss) Evaluate(double[] sum, float[] added, int divisor, IReadOnlyList<int> labels, int classes)
    {
        int correct = 0;
        double logLoss = 0;
        for (int row = 0; row < labels.Count; row++)
        {
            int offset = row * classes, argmax = 0;
            double top = double.NegativeInfinity;
            for (int k = 0; k < classes; k++)
            {
                double p = sum[offset + k] + added[offset + k];
                if (p > top) (top, argmax) = (p, k);
            }
            if (argmax == labels[row]) correct++;
            logLoss -= Math.Log(Math.Max(1e-15, (sum[offset + labels[row]] + added[offset + labels[row]]) / divisor));
        }
        return ((double)correct / labels.Count, logLoss / labels.Count);
    }

    private static bool Better((double Accuracy, double LogLoss) a, (double Accuracy, double LogLoss) b) =>
        a.Accuracy > b.Accuracy || a.Accuracy == b.Accuracy && a.LogLoss < b.LogLoss;
}
