using ClassifierToolkit.Data;
using ClassifierToolkit.Preprocessing;
using ClassifierToolkit.Tests.Support;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace ClassifierToolkit.Tests.Data;

public class ImageFolderSourceTests
{
    [Fact]
    public void Scan_MixedFormatsChannelsAndSizes_AllLoadThroughImageAnalytics()
    {
        var root = TestPaths.NewTempFolder();
        TestImages.Write(Path.Combine(root, "cat", "a.png"), 40, 30, TestImages.Kind.Rgba);
        TestImages.Write(Path.Combine(root, "cat", "b.jpg"), 64, 64, TestImages.Kind.Rgb);
        TestImages.Write(Path.Combine(root, "dog", "c.bmp"), 17, 23, TestImages.Kind.Grey);
        TestImages.Write(Path.Combine(root, "dog", "nested", "d.png"), 28, 28, TestImages.Kind.Grey);
        File.WriteAllText(Path.Combine(root, "dog", "notes.txt"), "not an image");

        var source = ImageFolderSource.Scan(root);

        Assert.Equal(["cat", "dog"], source.ClassNames);
        Assert.Equal(["cat", "cat", "dog", "dog"], source.Files.Select(f => f.Label));
        foreach (var channels in new[] { 1, 3 })
        {
            var mlContext = new MLContext(1);
            var view = ImagePreprocessing.Fit(mlContext, new InputShape(channels, 28, 28)).Transform(mlContext.Data.LoadFromEnumerable(source.Files));
            var pixels = view.GetColumn<float[]>(ColumnNames.Pixels).ToList();
            Assert.Equal(4, pixels.Count);
            Assert.All(pixels, p => Assert.Equal(channels * 28 * 28, p.Length));
            Assert.All(pixels, p => Assert.All(p, v => Assert.InRange(v, 0f, 1f)));
        }
    }

    [Fact]
    public void Scan_OneClass_ThrowsSayingTwoAreNeeded()
    {
        var root = TestPaths.NewTempFolder();
        TestImages.Write(Path.Combine(root, "only", "a.png"), 8, 8, TestImages.Kind.Grey);
        var error = Assert.Throws<InvalidDataException>(() => ImageFolderSource.Scan(root));
        Assert.Contains("one class only ('only')", error.Message);
    }

    [Fact]
    public void Scan_NoImages_ThrowsListingExtensions()
    {
        var root = TestPaths.NewTempFolder();
        Directory.CreateDirectory(Path.Combine(root, "empty"));
        var error = Assert.Throws<InvalidDataException>(() => ImageFolderSource.Scan(root));
        Assert.Contains(".png", error.Message);
    }

    [Fact]
    public void Scan_MissingFolder_ThrowsExplainingTheLayout()
    {
        var error = Assert.Throws<DirectoryNotFoundException>(() => ImageFolderSource.Scan("/no/such/folder"));
        Assert.Contains("one sub-folder per class", error.Message);
    }
}
