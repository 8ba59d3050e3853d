using System.IO.Compression;
using ClassifierToolkit.Data;
using ClassifierToolkit.Tests.Support;

namespace ClassifierToolkit.Tests.Data;

public class IdxReaderTests
{
    [Fact]
    public void ReadImages_Sample_Returns28x28ImagesMatchingLabelCount()
    {
        var images = IdxReader.ReadImages(Path.Combine(TestPaths.FashionMnistSample, "train-images-idx3-ubyte.gz"));
        var labels = IdxReader.ReadLabels(Path.Combine(TestPaths.FashionMnistSample, "train-labels-idx1-ubyte.gz"));
        Assert.Equal((28, 28), (images.Height, images.Width));
        Assert.Equal(3000, labels.Length);
        Assert.Equal(3000 * 28 * 28, images.Pixels.Length);
        Assert.All(labels, label => Assert.InRange(label, 0, 9));
        Assert.Equal(10, labels.Distinct().Count());
    }

    [Fact]
    public void ReadCount_SampleFiles_ReadsTheHeadersCount()
    {
        Assert.Equal(3000, IdxReader.ReadCount(Path.Combine(TestPaths.FashionMnistSample, "train-images-idx3-ubyte.gz")));
        Assert.Equal(500, IdxReader.ReadCount(Path.Combine(TestPaths.FashionMnistSample, "t10k-labels-idx1-ubyte.gz")));
    }

    [Fact]
    public void ReadImages_TruncatedFile_ThrowsSayingTruncated()
    {
        var folder = TestPaths.NewTempFolder();
        var path = Path.Combine(folder, "cut-images-idx3-ubyte.gz");
        var full = Decompress(Path.Combine(TestPaths.FashionMnistSample, "t10k-images-idx3-ubyte.gz"));
        using (var file = File.Create(path))
        using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
            gzip.Write(full, 0, full.Length / 2);

        var error = Assert.Throws<InvalidDataException>(() => IdxReader.ReadImages(path));
        Assert.Contains("truncated", error.Message);
    }

    [Fact]
    public void ReadLabels_ImageFile_ThrowsNamingTheRank()
    {
        var error = Assert.Throws<InvalidDataException>(() => IdxReader.ReadLabels(Path.Combine(TestPaths.FashionMnistSample, "t10k-images-idx3-ubyte.gz")));
        Assert.Contains("3 dimensions; expected 1", error.Message);
    }

    [Fact]
    public void ReadImages_NotIdx_ThrowsNamingTheMagic()
    {
        var path = Path.Combine(TestPaths.NewTempFolder(), "random-images-idx3-ubyte");
        File.WriteAllBytes(path, [0x89, 0x50, 0x4E, 0x47, 1, 2, 3, 4]);
        var error = Assert.Throws<InvalidDataException>(() => IdxReader.ReadImages(path));
        Assert.Contains("not an unsigned-byte IDX file", error.Message);
    }

    private static byte[] Decompress(string path)
    {
        using var gzip = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var memory = new MemoryStream();
        gzip.CopyTo(memory);
        return memory.ToArray();
    }
}
