using System.Collections.Concurrent;
using ClassifierToolkit.IO;
using SkiaSharp;

namespace ClassifierToolkit.Data;

/// <summary>
/// Reduced copies of images over <see cref="ImageSizeLimit.MaxPixels"/>, as PNG files in the cache folder named by the
/// original's content, so ML.NET's image loader (which decodes whole files) reads a normal-size picture and every later
/// run finds the copy made once. Copies are written beside their final name and renamed into place.
/// </summary>
internal static class ReducedImageCache
{
    /// <summary>The copies' folder inside the toolkit's cache (<see cref="PngExportCache.DefaultRoot"/>).</summary>
    public const string FolderName = "reduced-images";

    // One copy made at a time per content, however many threads or equal files ask for it.
    private static readonly ConcurrentDictionary<string, Lazy<string>> Made = new();

    /// <summary>The path ML.NET should read for <paramref name="path"/>: the file itself, or its reduced copy when it is over the limit.</summary>
    /// <exception cref="InvalidDataException">A large image that cannot be read at reduced size; names the file.</exception>
    public static string ReadablePath(string path)
    {
        (int Width, int Height)? size;
        using (var stream = File.OpenRead(path)) size = ReducedDecoder.SizeOf(stream);
        return size is { } s && ImageSizeLimit.IsTooLarge(s.Width, s.Height) ? GetOrCreate(path) : path;
    }

    /// <summary>The reduced copy of <paramref name="path"/>, made now if the cache lacks it.</summary>
    /// <exception cref="InvalidDataException">It cannot be read at reduced size; names the file and says why.</exception>
    public static string GetOrCreate(string path)
    {
        var copy = Path.Combine(PngExportCache.DefaultRoot(), FolderName, $"{ContentHash.OfFile(path)[..32]}-{ImageSizeLimit.MaxPixels / 1_000_000}mp.png");
        if (File.Exists(copy)) return copy;
        var made = Made.GetOrAdd(copy, key => new Lazy<string>(() => Write(path, key)));
        try
        {
            return made.Value;
        }
        finally
        {
            // A failure is not remembered (the file may be fixed); a success is on disk.
            Made.TryRemove(new KeyValuePair<string, Lazy<string>>(copy, made));
        }
    }

    private static string Write(string path, string copy)
    {
        if (File.Exists(copy)) return copy;
        SKBitmap reduced;
        try
        {
            using var stream = File.OpenRead(path);
            reduced = ReducedDecoder.Decode(stream);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"over {ImageSizeLimit.Describe} and could not be read at reduced size: {e.Message}", e);
        }
        using (reduced)
            AtomicFile.Write(copy, temporary =>
            {
                using var file = File.Create(temporary);
                if (!reduced.Encode(file, SKEncodedImageFormat.Png, 100))
                    throw new IOException($"The reduced copy of '{path}' could not be written to '{copy}'.");
            });
        return copy;
    }
}
