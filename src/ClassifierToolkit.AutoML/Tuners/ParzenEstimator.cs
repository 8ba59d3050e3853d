namespace ClassifierToolkit.AutoML.Tuners;

/// <summary>
/// TPE's density over a numeric parameter's unit coordinate: a mixture of Gaussians truncated to [0, 1], one per
/// observation plus a prior component (mean 0.5, width 1). Each observation's bandwidth is the larger gap to its
/// neighbours in sorted order (the outermost ones use their inner gap only), clipped to [1 / min(100, m + 1), 1] for
/// m components, as in Optuna's univariate TPE.
/// </summary>
internal sealed class ParzenEstimator
{
    private const int RejectionAttempts = 64;

    private readonly double[] _means;
    private readonly double[] _sigmas;
    private readonly double[] _cumulativeWeights;
    private readonly double[] _logWeights;
    private readonly double[] _logMasses;

    /// <summary>An estimator over <paramref name="observations"/> (coordinates in [0, 1]) with their <paramref name="weights"/>.</summary>
    public ParzenEstimator(IReadOnlyList<double> observations, IReadOnlyList<double> weights, double priorWeight)
    {
        _means = [.. observations, 0.5];
        _sigmas = Bandwidths(_means);
        _sigmas[^1] = 1.0;
        var all = weights.Append(priorWeight).ToArray();
        var total = all.Sum();
        _logWeights = [.. all.Select(w => Math.Log(w / total))];
        _cumulativeWeights = new double[all.Length];
        double running = 0;
        for (var i = 0; i < all.Length; i++) _cumulativeWeights[i] = running += all[i] / total;
        _logMasses = [.. _means.Select((mean, i) => Math.Log(Math.Max(1e-300,
            NormalDistribution.Cdf((1 - mean) / _sigmas[i]) - NormalDistribution.Cdf(-mean / _sigmas[i]))))];
    }

    /// <summary>A draw: a component by weight, then its Gaussian within [0, 1].</summary>
    public double Sample(Random random)
    {
        var u = random.NextDouble();
        var component = Array.FindIndex(_cumulativeWeights, c => u < c);
        if (component < 0) component = _cumulativeWeights.Length - 1;
        for (var attempt = 0; attempt < RejectionAttempts; attempt++)
        {
            var x = _means[component] + _sigmas[component] * random.NextGaussian();
            if (x is >= 0 and <= 1) return x;
        }
        return Math.Clamp(_means[component], 0, 1);
    }

    /// <summary>The log density at <paramref name="x"/>.</summary>
    public double LogDensity(double x)
    {
        var terms = new double[_means.Length];
        for (var i = 0; i < terms.Length; i++)
            terms[i] = _logWeights[i] + NormalDistribution.LogDensity((x - _means[i]) / _sigmas[i]) - Math.Log(_sigmas[i]) - _logMasses[i];
        var max = terms.Max();
        return max + Math.Log(terms.Sum(t => Math.Exp(t - max)));
    }

    private static double[] Bandwidths(double[] means)
    {
        var count = means.Length;
        var order = Enumerable.Range(0, count).OrderBy(i => means[i]).ThenBy(i => i).ToArray();
        var sorted = order.Select(i => means[i]).ToArray();
        var sigmas = new double[count];
        for (var j = 0; j < count; j++)
        {
            var left = sorted[j] - (j == 0 ? 0.0 : sorted[j - 1]);
            var right = (j == count - 1 ? 1.0 : sorted[j + 1]) - sorted[j];
            var sigma = count >= 2 && j == 0 ? right : count >= 2 && j == count - 1 ? left : Math.Max(left, right);
            sigmas[order[j]] = Math.Clamp(sigma, 1.0 / Math.Min(100, count + 1), 1.0);
        }
        return sigmas;
    }
}
