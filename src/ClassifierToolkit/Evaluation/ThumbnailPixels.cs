namespace ClassifierToolkit.Evaluation;

/// <summary>A small picture held in memory for a report: interleaved, opaque RGBA bytes.</summary>
internal sealed record ThumbnailPixels(int Width, int Height, byte[] Rgba)
{
    /// <summary>A model's input pixels (planar channels × height × width, scaled to [0, 1]) as a picture; grey repeats its one channel.</summary>
    public static ThumbnailPixels FromPlanar(ReadOnlySpan<float> planar, int channels, int height, int width)
    {
        int plane = height * width;
        if (channels < 1 || planar.Length != channels * plane)
            throw new ArgumentException($"Expected {channels} × {height} × {width} = {channels * plane} values, got {planar.Length}.", nameof(planar));
        var rgba = new byte[plane * 4];
        for (int p = 0; p < plane; p++)
        {
            for (int c = 0; c < 3; c++)
                rgba[p * 4 + c] = (byte)Math.Round(Math.Clamp(planar[Math.Min(c, channels - 1) * plane + p], 0f, 1f) * 255f);
            rgba[p * 4 + 3] = 255;
        }
        return new ThumbnailPixels(width, height, rgba);
    }
}
