namespace ClassifierToolkit.Preprocessing;

/// <summary>
/// The one definition of how 0–255 pixels become network input, shared by in-memory data and by ML.NET's
/// ExtractPixels (which computes <c>(pixel − offset) × scale</c>): the same float operation on both paths,
/// so training and serving see bit-identical inputs.
/// </summary>
internal static class PixelScaling
{
    /// <summary>The ExtractPixels scale: 1/255.</summary>
    public const float Scale = 1f / 255f;

    /// <summary>Scales bytes to [0, 1] exactly as ExtractPixels does with offset 0 and <see cref="Scale"/>.</summary>
    public static float[] ToUnitRange(ReadOnlySpan<byte> pixels)
    {
        var result = new float[pixels.Length];
        ToUnitRange(pixels, result);
        return result;
    }

    /// <summary>
    /// An opaque image's planes as ExtractPixels gives them with an alpha plane (ARGB order): alpha 255 scaled (1) over
    /// <paramref name="planeSize"/> values, then <paramref name="pixels"/> (its planes, C×H×W) scaled to [0, 1].
    /// </summary>
    public static float[] OpaqueWithAlpha(ReadOnlySpan<byte> pixels, int planeSize)
    {
        var result = new float[planeSize + pixels.Length];
        result.AsSpan(0, planeSize).Fill((byte.MaxValue - 0f) * Scale);
        ToUnitRange(pixels, result.AsSpan(planeSize));
        return result;
    }

    private static void ToUnitRange(ReadOnlySpan<byte> pixels, Span<float> result)
    {
        for (int i = 0; i < pixels.Length; i++) result[i] = (pixels[i] - 0f) * Scale;
    }
}
