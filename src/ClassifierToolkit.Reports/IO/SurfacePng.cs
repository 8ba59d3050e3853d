using SkiaSharp;

namespace ClassifierToolkit.IO;

/// <summary>Writes what a Skia surface holds as a PNG file, atomically (a reader never sees half a picture).</summary>
internal static class SurfacePng
{
    public static void Save(SKSurface surface, string path)
    {
        using var image = surface.Snapshot();
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        AtomicFile.Write(path, temporary =>
        {
            using var stream = File.Create(temporary);
            png.SaveTo(stream);
        });
    }
}
