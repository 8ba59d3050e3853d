using System.Collections.Concurrent;
using SkiaSharp;

namespace ClassifierToolkit.Data;

/// <summary>
/// Decodes an image file completely once, with the decoder ML.NET's image loading uses (Skia), to learn whether it is a
/// readable image and what it holds. Stricter than ML.NET's loader, which accepts truncated files and trains on their
/// grey filler. Results are remembered per file version (path, length, last write), so a search's trials check a folder once.
/// </summary>
internal static class ImageFileCheck
{
    // Mean |R−G| + |G−B| below this (0–510 scale) counts as grey: JPEG's chroma noise on a grey picture stays well under it.
    private const double GreyTolerance = 6;
    private static readonly ConcurrentDictionary<(string Path, long Length, DateTime Written), (ImageFacts? Facts, string? Problem)> Checked = new();

    /// <summary>Checks one file: its facts, or the problem that makes it unusable (null facts).</summary>
    public static (ImageFacts? Facts, string? Problem) Check(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists) return (null, "missing (deleted while the folder was read?)");
        if (info.Length == 0) return (null, "empty (0 bytes)");
        return Checked.GetOrAdd((info.FullName, info.Length, info.LastWriteTimeUtc), _ => Decode(info.FullName));
    }

    private static (ImageFacts?, string?) Decode(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            using var codec = SKCodec.Create(stream, out var opened);
            if (codec is null)
                return (null, $"not an image this toolkit reads ({DescribeOpen(opened)}); supported: PNG, JPEG, BMP, GIF, WEBP");
            var target = new SKImageInfo(codec.Info.Width, codec.Info.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
            using var bitmap = new SKBitmap(target);
            var result = codec.GetPixels(target, bitmap.GetPixels());
            return result switch
            {
                SKCodecResult.Success => (Facts(codec, bitmap), null),
                SKCodecResult.IncompleteInput or SKCodecResult.ErrorInInput => (null, "truncated or damaged: the image data end early or are corrupt"),
                _ => (null, $"could not be decoded ({result})"),
            };
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (null, $"could not be read: {e.Message}");
        }
    }

    private static string DescribeOpen(SKCodecResult opened) => opened switch
    {
        SKCodecResult.Unimplemented => "a format Skia cannot decode",
        SKCodecResult.IncompleteInput => "too short to be an image",
        _ => "no known image header",
    };

    private static ImageFacts Facts(SKCodec codec, SKBitmap bitmap)
    {
        int stored = codec.Info.ColorType is SKColorType.Gray8 ? 1 : codec.Info.AlphaType is SKAlphaType.Opaque ? 3 : 4;
        return new ImageFacts(codec.Info.Width, codec.Info.Height, stored, stored == 1 || LooksGrey(bitmap.GetPixelSpan()));
    }

    private static bool LooksGrey(ReadOnlySpan<byte> rgba)
    {
        long difference = 0;
        for (int i = 0; i < rgba.Length; i += 4)
            difference += Math.Abs(rgba[i] - rgba[i + 1]) + Math.Abs(rgba[i + 1] - rgba[i + 2]);
        return difference <= GreyTolerance * (rgba.Length / 4);
    }
}
