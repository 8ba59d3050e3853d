using ClassifierToolkit.Data;
using ClassifierToolkit.Tests.Support;

namespace ClassifierToolkit.Tests.Data;

public class PngExportCacheTests
{
    [Fact]
    public void GetOrExport_SecondCall_ReusesTheFilesInTheirOrder()
    {
        var root = TestPaths.NewTempFolder();
        var images = SampleData.Test.Take(30);

        var first = PngExportCache.GetOrExport(images, "sample", root);
        var written = first.Select(f => File.GetLastWriteTimeUtc(f.ImagePath)).ToList();
        var second = PngExportCache.GetOrExport(images, "sample", root);

        Assert.Equal(images.Labels.Select(l => images.ClassNames[l]), first.Select(f => f.Label));
        Assert.Equal(first.Select(f => f.ImagePath), second.Select(f => f.ImagePath));
        Assert.Equal(written, second.Select(f => File.GetLastWriteTimeUtc(f.ImagePath)));
        Assert.Single(Directory.GetDirectories(root));
    }

    [Fact]
    public void GetOrExport_OtherImages_GetTheirOwnFolder()
    {
        var root = TestPaths.NewTempFolder();
        var a = PngExportCache.GetOrExport(SampleData.Test.Take(10), "sample", root);
        var b = PngExportCache.GetOrExport(SampleData.Train.Take(10), "sample", root);
        Assert.NotEqual(Path.GetDirectoryName(Path.GetDirectoryName(a[0].ImagePath)), Path.GetDirectoryName(Path.GetDirectoryName(b[0].ImagePath)));
    }

    [Fact]
    public void GetOrExport_FileDeletedFromTheCache_ExportsAgain()
    {
        var root = TestPaths.NewTempFolder();
        var images = SampleData.Test.Take(10);
        var first = PngExportCache.GetOrExport(images, "sample", root);
        File.Delete(first[3].ImagePath);

        var again = PngExportCache.GetOrExport(images, "sample", root);

        Assert.All(again, f => Assert.True(File.Exists(f.ImagePath), f.ImagePath));
    }
}
