using ClassifierToolkit.Data;
using ClassifierToolkit.Pipelines;
using ClassifierToolkit.Tests.Support;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace ClassifierToolkit.Tests.Data;

/// <summary>Folders as people have them: broken and foreign files, hidden files, nested folders, odd names.</summary>
public class RealWorldFolderTests
{
    [Fact]
    public void Scan_MessyFolder_SkipsEachUnusableFileWithItsReasonAndKeepsEveryImage()
    {
        var folder = MessyImageFolder.Create();

        var source = ImageFolderSource.Scan(folder.Root);

        Assert.Equal(folder.GoodImages, source.Files.Count);
        Assert.Equal(folder.Broken, source.Skipped.Select(s => s.Path));
        string Reason(string name) => source.Skipped.Single(s => Path.GetFileName(s.Path) == name).Reason;
        Assert.Contains("empty (0 bytes)", Reason("empty.png"));
        Assert.Contains("truncated", Reason("truncated.png"));
        Assert.Contains("not an image", Reason("notes.png"));
        Assert.Contains("unsupported format '.tiff'", Reason("scan.tiff"));
        Assert.Contains("unsupported format '.txt'", Reason("README.txt"));
        Assert.Contains("not inside a class folder", Reason("loose.png"));
        Assert.Equal(4, source.HiddenEntries);
        Assert.Contains(source.Files, f => f.ImagePath.Contains("holiday #2 (ü)") && f.ImagePath.EndsWith(" copy.jpg"));
        Assert.All(source.Facts, f => Assert.Equal((28, 28), (f.Width, f.Height)));
        Assert.All(source.Facts, f => Assert.True(f.LooksGrey, "a grey picture stored as RGB JPEG is still grey"));
        Assert.Contains(source.Facts, f => f.StoredChannels == 3);
        Assert.Equal([30, 30, 30], source.CountsPerClass());
    }

    [Fact]
    public void Scan_WithProgress_ReportsAsItChecksAndEndsWithTheTotal()
    {
        var folder = MessyImageFolder.Create(perClass: 20);
        var reports = new System.Collections.Concurrent.ConcurrentQueue<(int Checked, int Total)>();

        ImageFolderSource.Scan(folder.Root, new ImageFolderScanOptions { Progress = new Recorder(reports), ProgressEvery = 10 });

        // 60 images and 3 broken ones with image names are decoded (the other broken files are refused by name alone).
        var all = reports.ToList();
        Assert.Equal((63, 63), all[^1]);
        Assert.Equal([10, 20, 30, 40, 50, 60], all.SkipLast(1).Select(r => r.Checked).Order());
    }

    private sealed class Recorder(System.Collections.Concurrent.ConcurrentQueue<(int, int)> reports) : IProgress<(int Checked, int Total)>
    {
        public void Report((int Checked, int Total) value) => reports.Enqueue(value);
    }

    [Fact]
    public void Scan_ColourImage_IsNotGrey()
    {
        var root = TestPaths.NewTempFolder();
        TestImages.Write(Path.Combine(root, "a", "x.jpg"), 20, 10, TestImages.Kind.Rgb);
        TestImages.Write(Path.Combine(root, "b", "y.jpg"), 16, 16, TestImages.Kind.Grey);

        var source = ImageFolderSource.Scan(root);

        Assert.Equal(new ImageFacts(20, 10, 3, false), source.Facts[0]);
        Assert.True(source.Facts[1].LooksGrey);
    }

    [Fact]
    public void Scan_Strict_RefusesNamingEveryUnusableFile()
    {
        var folder = MessyImageFolder.Create(perClass: 5);

        var error = Assert.Throws<InvalidDataException>(() => ImageFolderSource.Scan(folder.Root, new ImageFolderScanOptions { Strict = true }));

        Assert.Contains($"{folder.Broken.Count} unusable file(s)", error.Message);
        Assert.All(folder.Broken, path => Assert.Contains(path, error.Message));
        Assert.Contains("--strict", error.Message);
    }

    [Fact]
    public void Scan_EmptyClassFolder_IsAnErrorNamingIt()
    {
        var root = TestPaths.NewTempFolder();
        TestImages.Write(Path.Combine(root, "cat", "a.png"), 8, 8, TestImages.Kind.Grey);
        TestImages.Write(Path.Combine(root, "dog", "b.png"), 8, 8, TestImages.Kind.Grey);
        Directory.CreateDirectory(Path.Combine(root, "bird"));
        File.WriteAllBytes(Path.Combine(root, "bird", "broken.jpg"), [0xFF, 0xD8, 0xFF]);

        var error = Assert.Throws<InvalidDataException>(() => ImageFolderSource.Scan(root));

        Assert.Contains($"'{Path.Combine(root, "bird")}' holds no usable images", error.Message);
        Assert.Contains("broken.jpg", error.Message);
        Assert.Contains("Add images or remove the folder", error.Message);
    }

    [Fact]
    public void Scan_ClassNamesDifferingOnlyInCase_IsAnError()
    {
        var root = TestPaths.NewTempFolder();
        TestImages.Write(Path.Combine(root, "Cat", "a.png"), 8, 8, TestImages.Kind.Grey);
        TestImages.Write(Path.Combine(root, "cat", "b.png"), 8, 8, TestImages.Kind.Grey);
        TestImages.Write(Path.Combine(root, "dog", "c.png"), 8, 8, TestImages.Kind.Grey);

        var error = Assert.Throws<InvalidDataException>(() => ImageFolderSource.Scan(root));

        Assert.Contains("'Cat' and 'cat' differ only in case", error.Message);
    }

    [Fact]
    public void PipelineData_TestFolderWithOtherClasses_IsAnErrorListingBothWays()
    {
        var train = TestPaths.NewTempFolder();
        var test = TestPaths.NewTempFolder();
        foreach (var name in new[] { "cat", "dog", "fox" }) TestImages.Write(Path.Combine(train, name, "a.png"), 8, 8, TestImages.Kind.Grey);
        foreach (var name in new[] { "cat", "dog", "owl" }) TestImages.Write(Path.Combine(test, name, "a.png"), 8, 8, TestImages.Kind.Grey);
        var data = new DataSpec { Source = "folder", Path = train, TestPath = test };

        var error = Assert.Throws<InvalidDataException>(() => PipelineData.Load(new MLContext(1), data, new InputSpec { Width = 8, Height = 8 }, TestPaths.NewTempFolder()));

        Assert.Contains("classes the training folder lacks: owl", error.Message);
        Assert.Contains("lacks training classes: fox", error.Message);
    }

    [Fact]
    public void PipelineData_MessyFolder_ReadsOnlyUsableImagesAndReportsTheSkipped()
    {
        var folder = MessyImageFolder.Create(perClass: 10);
        var data = new DataSpec { Source = "folder", Path = folder.Root, ValidationFraction = 0.2 };

        var loaded = PipelineData.Load(new MLContext(1), data, new InputSpec(), TestPaths.NewTempFolder());

        Assert.Equal(folder.Broken, loaded.Skipped.Select(s => s.Path));
        Assert.Equal(folder.GoodImages, loaded.TrainCount + loaded.ValidationCount);
        Assert.Equal(loaded.TrainCount, loaded.Train.GetColumn<float[]>(ColumnNames.Pixels).Count());
    }
}
