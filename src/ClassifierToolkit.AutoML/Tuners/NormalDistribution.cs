namespace ClassifierToolkit.AutoML.Tuners;

/// <summary>The standard normal distribution's density and distribution function.</summary>
internal static class NormalDistribution
{
    private static readonly double LogSqrtTwoPi = 0.5 * Math.Log(2 * Math.PI);

    /// <summary>log φ(z).</summary>
    public static double LogDensity(double z) => -0.5 * z * z - LogSqrtTwoPi;

    /// <summary>Φ(z) = P(Z ≤ z), to about 1e-7 relative error.</summary>
    public static double Cdf(double z) => 0.5 * Erfc(-z / Math.Sqrt(2));

    // Complementary error function by a Chebyshev fit (Numerical Recipes' erfcc; fractional error below 1.2e-7).
    private static double Erfc(double x)
    {
        var t = 1.0 / (1.0 + 0.5 * Math.Abs(x));
        var poly = -1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807
            + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
        var value = t * Math.Exp(-x * x + poly);
        return x >= 0 ? value : 2.0 - value;
    }
}
