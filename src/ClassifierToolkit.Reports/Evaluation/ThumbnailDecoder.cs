using ClassifierToolkit.Data;
using SkiaSharp;

namespace ClassifierToolkit.Evaluation;

/// <summary>
/// Decodes an image file for a small picture in a report: scaled down while decoding where the format allows (JPEG,
/// WEBP), a picture over <see cref="ImageSizeLimit"/> read at reduced size as training and evaluation read it (so the
/// report shows the very pictures the model saw), and never throwing: a file that cannot be shown gives the reason.
/// </summary>
internal static class ThumbnailDecoder
{
    /// <summary>The image at least <paramref name="box"/> pixels on its longer side where it is that large, or why it cannot be shown.</summary>
    public static (SKBitmap? Bitmap, string? Problem) Decode(string path, int box)
    {
        try
        {
            var file = new FileInfo(path);
            if (!file.Exists) return (null, "file not found");
            if (file.Length == 0) return (null, "empty file (0 bytes)");
            using var codec = SKCodec.Create(path, out var opened);
            if (codec is null) return (null, opened == SKCodecResult.IncompleteInput ? "truncated or damaged" : "not an image Skia can read");
            var size = codec.Info.Size;
            float scale = Math.Min(1f, (float)box / Math.Max(1, Math.Max(size.Width, size.Height)));
            var scaled = codec.GetScaledDimensions(scale);
            if (ImageSizeLimit.IsTooLarge(scaled.Width, scaled.Height))
            {
                using var stream = File.OpenRead(path);
                return (ReducedDecoder.Decode(stream), null);
            }
            var info = new SKImageInfo(scaled.Width, scaled.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
            var bitmap = new SKBitmap(info);
            if (bitmap.GetPixels() == IntPtr.Zero)
            {
                bitmap.Dispose();
                return (null, $"too large to preview ({size.Width}×{size.Height})");
            }
            var result = codec.GetPixels(info, bitmap.GetPixels());
            if (result == SKCodecResult.Success) return (bitmap, null);
            bitmap.Dispose();
            return (null, result is SKCodecResult.IncompleteInput or SKCodecResult.ErrorInInput ? "truncated or damaged" : $"could not be decoded ({result})");
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The picture says why; a report is never lost to one bad file.
            return (null, $"could not be read ({e.GetType().Name})");
        }
    }

    /// <summary>An in-memory picture as a bitmap.</summary>
    public static SKBitmap FromPixels(ThumbnailPixels pixels)
    {
        var bitmap = new SKBitmap(new SKImageInfo(pixels.Width, pixels.Height, SKColorType.Rgba8888, SKAlphaType.Premul));
        pixels.Rgba.CopyTo(bitmap.GetPixelSpan());
        return bitmap;
    }
}
