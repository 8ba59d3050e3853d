using System.Buffers.Binary;
using ClassifierToolkit.Data;
using ClassifierToolkit.Evaluation;
using ClassifierToolkit.Tests.Support;
using SkiaSharp;

namespace ClassifierToolkit.Tests.Evaluation;

public class TopLossGridTests
{
    private static TopLoss Loss(int index, string? path) => new()
    {
        Index = index, ImagePath = path, TrueLabel = "Coat", PredictedLabel = "Pullover", PredictedProbability = 0.9, TrueProbability = 0.05,
    };

    // The placeholder's flat grey fills the picture square; a drawn picture does not.
    private static bool IsPlaceholder(SKBitmap grid, int tile)
    {
        var origin = TopLossGrid.PictureOrigin(tile);
        return grid.GetPixel(origin.X + 3, origin.Y + 3) == new SKColor(0xEE, 0xEE, 0xEE)
            && grid.GetPixel(origin.X + TopLossGrid.Picture - 4, origin.Y + TopLossGrid.Picture - 4) == new SKColor(0xEE, 0xEE, 0xEE);
    }

    [Fact]
    public void Write_UnreadableFiles_DrawPlaceholderTilesNotErrors()
    {
        var folder = TestPaths.NewTempFolder();
        var good = Path.Combine(folder, "good.png");
        TestImages.Write(good, 300, 120, TestImages.Kind.Rgb);
        var notAnImage = Path.Combine(folder, "notes.jpg");
        File.WriteAllText(notAnImage, "not a picture");
        var empty = Path.Combine(folder, "empty.png");
        File.WriteAllBytes(empty, []);
        var huge = Path.Combine(folder, "huge.png");
        File.WriteAllBytes(huge, PngHeaderOnly(20_000, 20_000));
        var truncated = Path.Combine(folder, "truncated.png");
        File.WriteAllBytes(truncated, File.ReadAllBytes(good)[..200]);
        string?[] paths = [good, notAnImage, empty, Path.Combine(folder, "gone.png"), huge, truncated, null];
        var path = Path.Combine(folder, "top-losses.png");

        TopLossGrid.Write(path, [.. paths.Select((file, i) => Loss(i, file))], misclassified: 40);

        using var grid = SKBitmap.Decode(path);
        var size = TopLossGrid.Size(paths.Length);
        Assert.Equal((size.Width, size.Height), (grid.Width, grid.Height));
        Assert.False(IsPlaceholder(grid, 0));
        Assert.All(Enumerable.Range(1, paths.Length - 1), tile => Assert.True(IsPlaceholder(grid, tile), $"tile {tile} ({paths[tile]}) is not a placeholder"));
        // Over the size limit it is read at reduced size, as training reads it; this one has no pixels to read.
        Assert.NotNull(ThumbnailDecoder.Decode(huge, TopLossGrid.Picture).Problem);
    }

    [Fact]
    public void Decode_APictureOverTheSizeLimit_IsShownFromItsReducedCopy()
    {
        var huge = Path.Combine(TestPaths.NewTempFolder(), "huge.png");
        LargeImageFolder.WriteFlatPng(huge, 6_000, 5_000, (200, 30, 40)); // 30 MP, over the 25 MP limit

        var (bitmap, problem) = ThumbnailDecoder.Decode(huge, TopLossGrid.Picture);

        using (bitmap)
        {
            Assert.Null(problem);
            Assert.True(bitmap!.Width * bitmap.Height <= ImageSizeLimit.MaxPixels, $"{bitmap.Width}×{bitmap.Height}");
            Assert.Equal(6.0 / 5, (double)bitmap.Width / bitmap.Height, 2);
            Assert.Equal(new SKColor(200, 30, 40), bitmap.GetPixel(bitmap.Width / 2, bitmap.Height / 2));
        }
    }

    [Fact]
    public void Write_MoreThanTheGridHolds_DrawsTheFirstSixteen()
    {
        var folder = TestPaths.NewTempFolder();
        var path = Path.Combine(folder, "top-losses.png");
        var picture = new ThumbnailPixels(2, 2, [0, 0, 0, 255, 255, 255, 255, 255, 255, 255, 255, 255, 0, 0, 0, 255]);

        TopLossGrid.Write(path, [.. Enumerable.Range(0, 20).Select(i => Loss(i, null) with { Pixels = picture })], misclassified: 20);

        using var grid = SKBitmap.Decode(path);
        var size = TopLossGrid.Size(TopLossGrid.MaxTiles);
        Assert.Equal((size.Width, size.Height), (grid.Width, grid.Height));
        Assert.Equal(4 * TopLossGrid.Columns, TopLossGrid.MaxTiles);
        // The 2×2 picture is enlarged pixel for pixel: its top-left quarter is black.
        var origin = TopLossGrid.PictureOrigin(TopLossGrid.MaxTiles - 1);
        Assert.Equal(SKColors.Black, grid.GetPixel(origin.X + 20, origin.Y + 20));
    }

    [Fact]
    public void Size_TilesFillRowsOfFour()
    {
        Assert.Equal(TopLossGrid.Size(1).Width, TopLossGrid.Size(16).Width);
        Assert.Equal(TopLossGrid.Size(4).Height, TopLossGrid.Size(1).Height);
        Assert.Equal(TopLossGrid.TileHeight + TopLossGrid.Gap, TopLossGrid.Size(5).Height - TopLossGrid.Size(4).Height);
    }

    // A PNG that says it is width × height and ends after its header: enough to open, too large to decode.
    private static byte[] PngHeaderOnly(int width, int height)
    {
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bits per channel
        header[9] = 6; // RGBA
        var chunk = new List<byte>();
        var type = "IHDR"u8.ToArray();
        chunk.AddRange(BigEndian(header.Length));
        chunk.AddRange(type);
        chunk.AddRange(header);
        chunk.AddRange(BigEndian((int)Crc32([.. type, .. header])));
        // An empty IDAT: the decoder reads up to the first one before it reports the size.
        chunk.AddRange(BigEndian(0));
        chunk.AddRange("IDAT"u8.ToArray());
        chunk.AddRange(BigEndian((int)Crc32("IDAT"u8.ToArray())));
        return [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, .. chunk];
    }

    private static byte[] BigEndian(int value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(bytes, value);
        return bytes;
    }

    private static uint Crc32(byte[] data)
    {
        uint crc = 0xFFFFFFFF;
        foreach (var b in data)
        {
            crc ^= b;
            for (int k = 0; k < 8; k++) crc = (crc & 1) != 0 ? 0xEDB88320 ^ (crc >> 1) : crc >> 1;
        }
        return ~crc;
    }
}
