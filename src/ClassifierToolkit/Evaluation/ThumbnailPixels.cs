namespace ClassifierToolkit.Evaluation;

/// <summary>A small picture held in memory for a report: interleaved, opaque RGBA bytes.</summary>
internal sealed record ThumbnailPixels(int Width, int Height, byte[] Rgba)
{
    /// <summary>
    /// A model's input pixels (planar, scaled to [0, 1]: an alpha plane first when <paramref name="alpha"/>, then the
    /// premultiplied colour planes) as a picture, transparent parts shown on white as the model sees them; grey repeats its one channel.
    /// </summary>
    public static ThumbnailPixels FromPlanar(ReadOnlySpan<float> planar, int channels, int height, int width, bool alpha = false)
    {
        int plane = height * width, planes = channels + (alpha ? 1 : 0);
        if (channels < 1 || planar.Length != planes * plane)
            throw new ArgumentException($"Expected {planes} × {height} × {width} = {planes * plane} values, got {planar.Length}.", nameof(planar));
        var opacity = alpha ? planar[..plane] : default;
        var colour = alpha ? planar[plane..] : planar;
        var rgba = new byte[plane * 4];
        for (int p = 0; p < plane; p++)
        {
            for (int c = 0; c < 3; c++)
            {
                // Premultiplied colour over white: colour + (1 − alpha), what the network's first nodes compute.
                float value = colour[Math.Min(c, channels - 1) * plane + p] + (alpha ? 1f - opacity[p] : 0f);
                rgba[p * 4 + c] = (byte)Math.Round(Math.Clamp(value, 0f, 1f) * 255f);
            }
            rgba[p * 4 + 3] = 255;
        }
        return new ThumbnailPixels(width, height, rgba);
    }
}
