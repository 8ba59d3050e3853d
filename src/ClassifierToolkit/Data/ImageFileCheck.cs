using System.Collections.Concurrent;
using SkiaSharp;

namespace ClassifierToolkit.Data;

/// <summary>
/// Decodes an image file completely once, with the decoder ML.NET's image loading uses (Skia), to learn whether it is a
/// readable image and what it holds. Stricter than ML.NET's loader, which accepts truncated files and trains on their
/// grey filler. Results are remembered per file version (path, length, last write), so a search's trials check a folder once.
/// An image over <see cref="ImageSizeLimit.MaxPixels"/> is never decoded whole: its reduced copy is made (or found) in the
/// cache and checked instead, and the check names the copy for ML.NET to read.
/// </summary>
internal static class ImageFileCheck
{
    // Mean |R−G| + |G−B| below this (0–510 scale) counts as grey: JPEG's chroma noise on a grey picture stays well under it.
    private const double GreyTolerance = 6;
    private static readonly ConcurrentDictionary<(string Path, long Length, DateTime Written), ImageCheck> Checked = new();

    /// <summary>What checking one file found: its facts, or the problem that makes it unusable (null facts).</summary>
    /// <param name="Facts">What the image holds (its own size, not the copy's); null when unusable.</param>
    /// <param name="Problem">Why it is unusable; null when usable.</param>
    /// <param name="ReducedCopy">For an image over the limit, the reduced copy ML.NET reads instead; null otherwise.</param>
    public sealed record ImageCheck(ImageFacts? Facts, string? Problem, string? ReducedCopy = null);

    /// <summary>Checks one file.</summary>
    public static ImageCheck Check(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists) return new(null, "missing (deleted while the folder was read?)");
        if (info.Length == 0) return new(null, "empty (0 bytes)");
        var key = (info.FullName, info.Length, info.LastWriteTimeUtc);
        var result = Checked.GetOrAdd(key, _ => Decode(info.FullName));
        // A copy removed from the cache since (the cache folder cleared) is made again.
        if (result.ReducedCopy is { } copy && !File.Exists(copy) && Checked.TryRemove(key, out _)) result = Checked.GetOrAdd(key, _ => Decode(info.FullName));
        return result;
    }

    private static ImageCheck Decode(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            using var codec = SKCodec.Create(stream, out var opened);
            if (codec is null)
                return new(null, $"not an image this toolkit reads ({DescribeOpen(opened)}); supported: PNG, JPEG, BMP, GIF, WEBP");
            if (ImageSizeLimit.IsTooLarge(codec.Info.Width, codec.Info.Height)) return CheckReduced(path, codec.Info);
            var target = new SKImageInfo(codec.Info.Width, codec.Info.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
            using var bitmap = new SKBitmap(target);
            var result = codec.GetPixels(target, bitmap.GetPixels());
            return result switch
            {
                SKCodecResult.Success => new(Facts(codec, bitmap), null),
                SKCodecResult.IncompleteInput or SKCodecResult.ErrorInInput => new(null, "truncated or damaged: the image data end early or are corrupt"),
                _ => new(null, $"could not be decoded ({result})"),
            };
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new(null, $"could not be read: {e.Message}");
        }
    }

    // The copy is within the limit, so its check decodes it whole; the facts keep the original's size and channels.
    private static ImageCheck CheckReduced(string path, SKImageInfo original)
    {
        string copy;
        try
        {
            copy = ReducedImageCache.GetOrCreate(path);
        }
        catch (InvalidDataException e)
        {
            return new(null, e.Message);
        }
        var reduced = Decode(copy);
        if (reduced.Facts is null) return new(null, $"its reduced copy '{copy}' is unreadable: {reduced.Problem}");
        int stored = Stored(original);
        return new(reduced.Facts with { Width = original.Width, Height = original.Height, StoredChannels = stored, LooksGrey = stored == 1 || reduced.Facts.LooksGrey }, null, copy);
    }

    private static string DescribeOpen(SKCodecResult opened) => opened switch
    {
        SKCodecResult.Unimplemented => "a format Skia cannot decode",
        SKCodecResult.IncompleteInput => "too short to be an image",
        _ => "no known image header",
    };

    private static ImageFacts Facts(SKCodec codec, SKBitmap bitmap)
    {
        int stored = Stored(codec.Info);
        return new ImageFacts(codec.Info.Width, codec.Info.Height, stored, stored == 1 || LooksGrey(bitmap.GetPixelSpan()));
    }

    private static int Stored(SKImageInfo info) => info.ColorType is SKColorType.Gray8 ? 1 : info.AlphaType is SKAlphaType.Opaque ? 3 : 4;

    private static bool LooksGrey(ReadOnlySpan<byte> rgba)
    {
        long difference = 0;
        for (int i = 0; i < rgba.Length; i += 4)
            difference += Math.Abs(rgba[i] - rgba[i + 1]) + Math.Abs(rgba[i + 1] - rgba[i + 2]);
        return difference <= GreyTolerance * (rgba.Length / 4);
    }
}
