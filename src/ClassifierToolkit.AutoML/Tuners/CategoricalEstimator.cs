namespace ClassifierToolkit.AutoML.Tuners;

/// <summary>TPE's distribution over a choice: weighted counts of the observed indices, smoothed by a uniform prior.</summary>
internal sealed class CategoricalEstimator
{
    private readonly double[] _probabilities;

    /// <summary>An estimator over <paramref name="observations"/> (choice indices) with their <paramref name="weights"/>.</summary>
    public CategoricalEstimator(int choiceCount, IReadOnlyList<int> observations, IReadOnlyList<double> weights, double priorWeight)
    {
        var mass = Enumerable.Repeat(priorWeight / choiceCount, choiceCount).ToArray();
        for (var i = 0; i < observations.Count; i++) mass[observations[i]] += weights[i];
        var total = mass.Sum();
        _probabilities = [.. mass.Select(m => m / total)];
    }

    /// <summary>A draw.</summary>
    public int Sample(Random random)
    {
        var u = random.NextDouble();
        for (var i = 0; i < _probabilities.Length; i++)
        {
            if (u < _probabilities[i]) return i;
            u -= _probabilities[i];
        }
        return _probabilities.Length - 1;
    }

    /// <summary>The log probability of <paramref name="index"/>.</summary>
    public double LogDensity(int index) => Math.Log(_probabilities[index]);
}
