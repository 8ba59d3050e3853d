namespace ClassifierToolkit.AutoML.Tuners;

/// <summary>
/// Random streams for tuners. Each proposal draws from a stream derived from the seed and the number of trials told,
/// so a fresh tuner that replays the same trials proposes the same configuration in any process. The mix is SplitMix64:
/// string.GetHashCode and HashCode are randomized per process and must not be used here.
/// </summary>
internal static class TunerRandom
{
    /// <summary>The stream for a proposal made after <paramref name="toldCount"/> trials.</summary>
    public static Random For(int seed, int toldCount)
    {
        var mixed = SplitMix(((ulong)(uint)seed << 32) | (uint)toldCount);
        // Seeded System.Random keeps its legacy (seed-compatible) algorithm across .NET versions.
        return new Random((int)(mixed >> 33));
    }

    /// <summary>A standard normal draw (Box-Muller).</summary>
    public static double NextGaussian(this Random random)
    {
        var u1 = 1.0 - random.NextDouble(); // (0, 1]: keeps the logarithm finite
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    private static ulong SplitMix(ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }
}
