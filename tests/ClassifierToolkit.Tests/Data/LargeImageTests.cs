using System.Diagnostics;
using ClassifierToolkit.Data;
using ClassifierToolkit.Prediction;
using ClassifierToolkit.Tests.Support;

namespace ClassifierToolkit.Tests.Data;

/// <summary>Pictures of any size: over the limit they are read at reduced size, never decoded whole, never a crash.</summary>
public class LargeImageTests
{
    [Fact]
    public void Scan_HugeAndLongThinImages_ReadAtReducedSizeNotSkipped()
    {
        var folder = LargeImageFolder.Create();
        var clock = Stopwatch.StartNew();

        var source = ImageFolderSource.Scan(folder.Root);
        var summary = ImageFolderSummary.Of(source);

        Assert.Equal(folder.Usable, source.Files.Count);
        Assert.Equal(folder.OverLimit.Order(StringComparer.Ordinal), source.Reduced.Select(r => r.Path));
        Assert.Equal(2, summary.Reduced.Count);
        Assert.Equal(1_000_000, summary.MaxSide);
        var skipped = Assert.Single(source.Skipped);
        Assert.Equal(folder.Broken, skipped.Path);
        Assert.Contains("truncated", skipped.Reason);
        foreach (var reduced in source.Reduced)
        {
            Assert.Contains(source.Files, f => f.ImagePath == reduced.CopyPath);
            Assert.DoesNotContain(source.Files, f => f.ImagePath == reduced.Path);
            using var copy = Microsoft.ML.Data.MLImage.CreateFromFile(reduced.CopyPath);
            Assert.False(ImageSizeLimit.IsTooLarge(copy.Width, copy.Height));
            Assert.Equal((double)reduced.Width / reduced.Height, (double)copy.Width / copy.Height, 0.1);
        }
        Assert.Contains(source.Files, f => f.ImagePath == folder.Thin);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"the scan took {clock.Elapsed.TotalSeconds:F1} s");
    }

    [Fact]
    public void Decode_HugePng_KeepsColourAndAspectWithinTheLimit()
    {
        var path = Path.Combine(TestPaths.NewTempFolder(), "poster.png");
        LargeImageFolder.WriteFlatPng(path, 20_500, 20_500, (200, 40, 90));

        using var stream = File.OpenRead(path);
        using var reduced = ReducedDecoder.Decode(stream);

        Assert.Equal(reduced.Width, reduced.Height);
        Assert.False(ImageSizeLimit.IsTooLarge(reduced.Width, reduced.Height));
        Assert.Equal(new SkiaSharp.SKColor(200, 40, 90), reduced.GetPixel(reduced.Width / 2, reduced.Height - 1));
    }

    [Fact]
    public void ImageData_HugePng_DecodesAtReducedSize_TruncatedOneNamedInTheError()
    {
        var folder = TestPaths.NewTempFolder();
        var huge = Path.Combine(folder, "poster.png");
        var cut = Path.Combine(folder, "cut.png");
        LargeImageFolder.WriteFlatPng(huge, 20_500, 20_500, (200, 40, 90));
        LargeImageFolder.WriteFlatPng(cut, 20_500, 20_500, (200, 40, 90), keepImageData: 0.5);

        using (var decoded = ImageData.FromBytes(File.ReadAllBytes(huge), "poster.png").Decode())
            Assert.False(ImageSizeLimit.IsTooLarge(decoded.Image.Width, decoded.Image.Height));
        var error = Assert.Throws<InvalidDataException>(() => ImageData.FromFile(cut).Decode());

        Assert.Contains(cut, error.Message);
        Assert.Contains("truncated", error.Message);
    }
}
