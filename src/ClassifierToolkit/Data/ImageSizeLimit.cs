namespace ClassifierToolkit.Data;

/// <summary>
/// The one rule for pictures too large to decode whole: above <see cref="MaxPixels"/> an image is read at reduced size
/// (an integer factor, or the decoder's own scaling for JPEG and WEBP), so memory stays bounded whatever the file holds.
/// ML.NET's image loader decodes every file whole (20,990×29,700 pixels would need 2.5 GB), so image folders hand it a
/// reduced copy from the cache instead (<see cref="ReducedImageCache"/>).
/// </summary>
internal static class ImageSizeLimit
{
    /// <summary>Images with more pixels than this (25 MP, 100 MB decoded) are read at reduced size: 24 MP camera photos
    /// are read as they are, 48 MP phone photos and poster-sized scans are not.</summary>
    public const long MaxPixels = 25_000_000;

    /// <summary>How the limit reads in messages: "25 MP".</summary>
    public static string Describe => $"{MaxPixels / 1_000_000} MP";

    /// <summary>Whether a <paramref name="width"/>×<paramref name="height"/> image is over the limit.</summary>
    public static bool IsTooLarge(int width, int height) => (long)width * height > MaxPixels;

    /// <summary>The smallest whole factor that brings the image within the limit (1 when it already is).</summary>
    internal static int ReductionFactor(int width, int height)
    {
        int factor = Math.Max(1, (int)Math.Sqrt((double)width * height / MaxPixels));
        while (!FitsWhenReduced(width, height, factor)) factor++;
        return factor;
    }

    private static bool FitsWhenReduced(int width, int height, int factor) =>
        (long)((width + factor - 1) / factor) * ((height + factor - 1) / factor) <= MaxPixels;
}
