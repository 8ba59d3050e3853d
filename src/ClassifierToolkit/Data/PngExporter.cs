using Microsoft.ML.Data;

namespace ClassifierToolkit.Data;

/// <summary>Writes in-memory images as PNG files in one sub-folder per class (an image-folder data set).</summary>
internal static class PngExporter
{
    /// <summary>Writes every image of <paramref name="images"/> under <paramref name="folder"/>; returns the files written.</summary>
    public static IReadOnlyList<ImageFile> Export(LabeledImageSet images, string folder, IProgress<int>? progress = null)
    {
        if (images.Channels is not (1 or 3))
            throw new ArgumentException($"Only grey (1) or RGB (3) images can be exported; got {images.Channels} channels.", nameof(images));
        var written = new List<ImageFile>(images.Count);
        var rgba = new byte[images.Height * images.Width * 4];
        for (int i = 0; i < images.Count; i++)
        {
            var className = images.ClassNames[images.Labels[i]];
            var classFolder = Path.Combine(folder, ClassFolderNames.ToFolderName(className));
            Directory.CreateDirectory(classFolder);
            ToRgba(images.ImagePixels(i), images.Channels, images.Height * images.Width, rgba);
            var path = Path.Combine(classFolder, $"{i:D5}.png");
            using (var image = MLImage.CreateFromPixels(images.Width, images.Height, MLPixelFormat.Rgba32, rgba))
                image.Save(path);
            written.Add(new ImageFile { ImagePath = Path.GetFullPath(path), Label = className });
            progress?.Report(i + 1);
        }
        return written;
    }

    // Planar CHW bytes to interleaved RGBA; grey repeats the one channel.
    private static void ToRgba(ReadOnlySpan<byte> planar, int channels, int planeSize, byte[] rgba)
    {
        for (int p = 0; p < planeSize; p++)
        {
            for (int c = 0; c < 3; c++) rgba[p * 4 + c] = planar[(channels == 1 ? 0 : c) * planeSize + p];
            rgba[p * 4 + 3] = 255;
        }
    }
}
