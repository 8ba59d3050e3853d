using ClassifierToolkit.Data;
using Microsoft.ML.Data;

namespace ClassifierToolkit.Prediction;

/// <summary>
/// An image to classify: a file, encoded bytes (PNG, JPEG, BMP, GIF, WEBP), a stream, or an already decoded
/// <see cref="MLImage"/>. It is decoded when predicted; every error names it by <see cref="Name"/>.
/// </summary>
public sealed class ImageData
{
    private readonly Func<MLImage> _decode;
    private readonly bool _owned;

    private ImageData(string name, Func<MLImage> decode, bool owned)
    {
        Name = name;
        _decode = decode;
        _owned = owned;
    }

    /// <summary>How errors name this image: the file path, or the name given (e.g. an upload's file name).</summary>
    public string Name { get; }

    /// <summary>An image file.</summary>
    public static ImageData FromFile(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return new ImageData(path, () =>
        {
            if (!File.Exists(path)) throw new FileNotFoundException($"Image '{path}' does not exist.", path);
            using var stream = File.OpenRead(path);
            return Decode(stream, path);
        }, owned: true);
    }

    /// <summary>Encoded image bytes, e.g. an HTTP request body.</summary>
    public static ImageData FromBytes(byte[] bytes, string name = "image")
    {
        ArgumentNullException.ThrowIfNull(bytes);
        return new ImageData(name, () => Decode(new MemoryStream(bytes, writable: false), name), owned: true);
    }

    /// <summary>An encoded image in a stream, read from its current position when predicted (once).</summary>
    public static ImageData FromStream(Stream stream, string name = "image")
    {
        ArgumentNullException.ThrowIfNull(stream);
        return new ImageData(name, () => Decode(stream, name), owned: true);
    }

    /// <summary>A decoded image; the caller keeps ownership (it is not disposed here).</summary>
    public static ImageData FromImage(MLImage image, string name = "image")
    {
        ArgumentNullException.ThrowIfNull(image);
        return new ImageData(name, () => image, owned: false);
    }

    /// <summary>Decodes the image; dispose the result (it disposes the image only when this instance decoded it).</summary>
    /// <exception cref="FileNotFoundException">A file that does not exist.</exception>
    /// <exception cref="InvalidDataException">Empty or undecodable data; the message names the image.</exception>
    internal DecodedImage Decode() => new(_decode(), _owned);

    private static MLImage Decode(Stream stream, string name)
    {
        if (stream.CanSeek && stream.Length - stream.Position == 0)
            throw new InvalidDataException($"'{name}' is empty (0 bytes): send the image file's bytes (PNG, JPEG, BMP, GIF or WEBP).");
        try
        {
            return stream.CanSeek && ReducedDecoder.SizeOf(stream) is { } size && ImageSizeLimit.IsTooLarge(size.Width, size.Height)
                ? DecodeReduced(stream, name)
                : MLImage.CreateFromStream(stream);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new InvalidDataException($"'{name}' could not be read as an image (PNG, JPEG, BMP, GIF or WEBP): {e.Message}", e);
        }
    }

    // Over the limit, ML.NET's decoding would hold the whole picture (or fail to): read it at reduced size instead.
    private static MLImage DecodeReduced(Stream stream, string name)
    {
        try
        {
            using var reduced = ReducedDecoder.Decode(stream);
            return MLImage.CreateFromPixels(reduced.Width, reduced.Height, MLPixelFormat.Rgba32, reduced.GetPixelSpan());
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"'{name}' is over {ImageSizeLimit.Describe} and could not be read at reduced size: {e.Message}", e);
        }
    }

    /// <summary>A decoded image and whether disposing it is ours to do.</summary>
    internal readonly record struct DecodedImage(MLImage Image, bool Owned) : IDisposable
    {
        public void Dispose()
        {
            if (Owned) Image.Dispose();
        }
    }
}
