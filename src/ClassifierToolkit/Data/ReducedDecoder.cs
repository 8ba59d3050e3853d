using SkiaSharp;

namespace ClassifierToolkit.Data;

/// <summary>
/// Decodes an image over <see cref="ImageSizeLimit.MaxPixels"/> at reduced size, never holding it whole: JPEG and WEBP
/// through Skia's own scaled decoding, PNG row by row (<see cref="PngRowReader"/>), other formats row by row when Skia
/// can, each shrunk on the way (<see cref="BoxShrinker"/>). The result is premultiplied RGBA, as ML.NET's decoding gives.
/// </summary>
internal static class ReducedDecoder
{
    /// <summary>Width and height of the image in <paramref name="stream"/> (seekable; left where it was), or null when Skia does not know it.</summary>
    public static (int Width, int Height)? SizeOf(Stream stream)
    {
        long start = stream.Position;
        try
        {
            using var codec = SKCodec.Create(new SKManagedStream(stream, disposeManagedStream: false));
            return codec is null ? null : (codec.Info.Width, codec.Info.Height);
        }
        finally
        {
            stream.Position = start;
        }
    }

    /// <summary>Decodes the image in <paramref name="stream"/> (seekable, at the image's start) within the limit.</summary>
    /// <exception cref="InvalidDataException">It cannot be read at reduced size; the message says why.</exception>
    public static SKBitmap Decode(Stream stream)
    {
        long start = stream.Position;
        using (var codec = SKCodec.Create(new SKManagedStream(stream, disposeManagedStream: false), out var opened))
        {
            if (codec is null) throw new InvalidDataException($"not an image Skia reads ({opened})");
            if (codec.EncodedFormat != SKEncodedImageFormat.Png)
                return ScaledBySkia(codec) ?? RowByRow(codec)
                    ?? throw new InvalidDataException($"a {codec.EncodedFormat} image of {codec.Info.Width}×{codec.Info.Height} pixels, over the {ImageSizeLimit.Describe} limit, and Skia cannot read this format at reduced size; shrink it with an image editor");
        }
        stream.Position = start;
        using var png = PngRowReader.Open(stream);
        return Shrink(png.Width, png.Height, png.ReadRow);
    }

    // JPEG (1/8 to 8/8) and WEBP (any size) decode at reduced size themselves, which is fastest and sharpest.
    private static SKBitmap? ScaledBySkia(SKCodec codec)
    {
        var size = codec.GetScaledDimensions((float)Math.Sqrt((double)ImageSizeLimit.MaxPixels / ((long)codec.Info.Width * codec.Info.Height)));
        if (ImageSizeLimit.IsTooLarge(size.Width, size.Height) || size == codec.Info.Size) return null;
        var bitmap = new SKBitmap(new SKImageInfo(size.Width, size.Height, SKColorType.Rgba8888, SKAlphaType.Premul));
        var result = codec.GetPixels(bitmap.Info, bitmap.GetPixels());
        if (result == SKCodecResult.Success) return bitmap;
        bitmap.Dispose();
        throw Damaged(result);
    }

    private static SKBitmap? RowByRow(SKCodec codec)
    {
        var info = new SKImageInfo(codec.Info.Width, codec.Info.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
        if (codec.ScanlineOrder != SKCodecScanlineOrder.TopDown || codec.StartScanlineDecode(info) != SKCodecResult.Success) return null;
        var row = GC.AllocateArray<byte>(info.RowBytes, pinned: true);
        return Shrink(info.Width, info.Height, rgba =>
        {
            if (codec.GetScanlines(System.Runtime.InteropServices.Marshal.UnsafeAddrOfPinnedArrayElement(row, 0), 1, info.RowBytes) != 1)
                throw Damaged(SKCodecResult.IncompleteInput);
            if (!rgba.IsEmpty) row.AsSpan(0, rgba.Length).CopyTo(rgba);
        });
    }

    private delegate void RowSource(Span<byte> rgba);

    private static SKBitmap Shrink(int width, int height, RowSource readRow)
    {
        using var shrinker = new BoxShrinker(width, height, ImageSizeLimit.ReductionFactor(width, height));
        var row = new byte[width * 4L];
        for (int y = 0; y < height; y++)
        {
            var wanted = shrinker.WantsNextRow ? row : [];
            readRow(wanted);
            shrinker.Add(wanted);
        }
        return shrinker.Finish();
    }

    private static InvalidDataException Damaged(SKCodecResult result) => result is SKCodecResult.IncompleteInput or SKCodecResult.ErrorInInput
        ? new InvalidDataException("truncated or damaged: the image data end early or are corrupt")
        : new InvalidDataException($"could not be decoded ({result})");
}
