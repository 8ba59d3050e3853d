using static TorchSharp.torch;

namespace ClassifierToolkit.Tests.Support;

/// <summary>
/// Compares tensors computed two ways (another memory layout, another kernel order) as fp32 rounding allows: by the norm of
/// the difference relative to the norm of the expected tensor. Element-wise tolerances fail on small elements whose sums were
/// merely reassociated (a near-zero gradient entry differs by more than its own size), and differ between CPUs whose
/// kernels add in another order; a norm-relative error of a few 1e-6 is rounding, a wrong layout or value gives 1e-1 and more.
/// </summary>
internal static class TensorAssert
{
    /// <summary>Asserts that <paramref name="actual"/> points where <paramref name="expected"/> does: cosine similarity above <paramref name="minimum"/>.</summary>
    public static void SameDirection(float[] expected, float[] actual, double minimum, string what)
    {
        double dot = expected.Zip(actual).Sum(p => (double)p.First * p.Second);
        double cosine = dot / Math.Sqrt(expected.Sum(x => (double)x * x) * actual.Sum(x => (double)x * x));
        Assert.True(cosine > minimum, $"{what} point elsewhere (cosine {cosine:F3}, needed above {minimum}).");
    }

    /// <summary>‖actual − expected‖ / ‖expected‖ (0 when both are zero).</summary>
    public static double RelativeError(Tensor actual, Tensor expected)
    {
        using var scope = NewDisposeScope();
        double difference = actual.to(float64).sub(expected.to(float64)).norm().item<double>();
        double size = expected.to(float64).norm().item<double>();
        return size == 0 ? difference : difference / size;
    }

    /// <summary>Fails naming <paramref name="what"/> when the relative error exceeds <paramref name="tolerance"/>.</summary>
    public static void Close(Tensor actual, Tensor expected, double tolerance, string what)
    {
        Assert.Equal(expected.shape, actual.shape);
        double error = RelativeError(actual, expected);
        Assert.True(error <= tolerance, $"{what}: relative error {error:G3} exceeds {tolerance:G3}");
    }
}
