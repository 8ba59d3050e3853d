using ClassifierToolkit.Data;
using ClassifierToolkit.Preprocessing;
using ClassifierToolkit.Tests.Support;
using ClassifierToolkit.Torch.Training;
using Microsoft.ML;

namespace ClassifierToolkit.Tests.Torch.Training;

public class DataViewTensorReaderTests
{
    private static readonly InputShape Shape = new(1, 28, 28) { Alpha = true };

    [Fact]
    public void Read_ViewWithKnownRowCount_HoldsEveryImageScaledAndItsLabel()
    {
        var images = SampleData.Train.Take(1500);
        var view = images.ToDataView(new MLContext(1));
        Assert.Equal(1500, view.GetRowCount());

        using var read = DataViewTensorReader.Read(view, ColumnNames.Pixels, ColumnNames.Label, FashionMnist.ClassNames, Shape);

        AssertHolds(images, read);
    }

    [Fact]
    public void Read_ViewWithUnknownRowCount_GrowsItsBufferAndHoldsTheSameData()
    {
        // More rows than the initial guess (1,024), so the buffer has to grow.
        var images = SampleData.Train.Take(2100);
        var mlContext = new MLContext(1);
        var view = mlContext.Data.FilterRowsByMissingValues(images.ToDataView(mlContext), ColumnNames.Pixels);
        Assert.Null(view.GetRowCount());

        using var read = DataViewTensorReader.Read(view, ColumnNames.Pixels, ColumnNames.Label, FashionMnist.ClassNames, Shape);

        AssertHolds(images, read);
    }

    [Fact]
    public void Read_LabelOutsideTheClasses_NamesIt()
    {
        var view = SampleData.Train.Take(20).ToDataView(new MLContext(1));
        var error = Assert.Throws<InvalidDataException>(() =>
            DataViewTensorReader.Read(view, ColumnNames.Pixels, ColumnNames.Label, ["T-shirt/top", "Trouser"], Shape));
        Assert.Contains("is not one of the training classes", error.Message);
    }

    [Fact]
    public void ReadWithin_MoreThanTheLimit_SpillsToAFileThatGivesTheSameBatchesAndIsDeletedAfterwards()
    {
        var view = SampleData.Train.Take(700).ToDataView(new MLContext(1));
        using var inMemory = DataViewTensorReader.Read(view, ColumnNames.Pixels, ColumnNames.Label, FashionMnist.ClassNames, Shape);
        var folder = Directory.CreateTempSubdirectory("ctk-spill-").FullName;
        string file;
        // A limit of 100 images: the 700 images go to disk in 7 chunks.
        using (var spilled = DataViewTensorReader.ReadWithin(view, ColumnNames.Pixels, ColumnNames.Label, FashionMnist.ClassNames, Shape,
                   100 * Shape.Size * sizeof(float), folder))
        {
            var onDisk = Assert.IsType<SpilledTensors>(spilled);
            file = onDisk.FilePath;
            Assert.True(File.Exists(file));
            Assert.Equal(700L * Shape.Size * sizeof(float), new FileInfo(file).Length);
            Assert.Equal(inMemory.Labels.data<long>().ToArray(), spilled.Labels.data<long>().ToArray());
            using var indices = TorchSharp.torch.tensor(new long[] { 699, 0, 350, 101, 350 });
            using var expected = inMemory.PixelsAt(indices);
            using var actual = spilled.PixelsAt(indices);
            Assert.Equal(expected.shape, actual.shape);
            Assert.Equal(expected.data<float>().ToArray(), actual.data<float>().ToArray());
            using var expectedRange = inMemory.PixelsIn(95, 10);
            using var actualRange = spilled.PixelsIn(95, 10);
            Assert.Equal(expectedRange.data<float>().ToArray(), actualRange.data<float>().ToArray());
        }
        Assert.False(File.Exists(file), "The spilled images file should be deleted once the set is disposed.");
        Directory.Delete(folder);
    }

    [Fact]
    public void ReadWithin_WithinTheLimit_StaysInMemory()
    {
        var view = SampleData.Train.Take(50).ToDataView(new MLContext(1));
        using var read = DataViewTensorReader.ReadWithin(view, ColumnNames.Pixels, ColumnNames.Label, FashionMnist.ClassNames, Shape,
            50 * Shape.Size * sizeof(float), Path.GetTempPath());
        Assert.IsType<TensorDataset>(read);
        Assert.Equal(50, read.Count);
    }

    private static void AssertHolds(LabeledImageSet images, TensorDataset read)
    {
        Assert.Equal([images.Count, 1, 28, 28], read.Pixels.shape);
        var pixels = read.Pixels.data<float>().ToArray();
        var expected = images.Pixels.Select(b => b / 255f).ToArray();
        Assert.Equal(expected.Length, pixels.Length);
        for (int i = 0; i < expected.Length; i++) Assert.True(Math.Abs(expected[i] - pixels[i]) < 1e-6, $"pixel {i}: {pixels[i]} vs {expected[i]}");
        Assert.Equal(images.Labels.Select(l => (long)l), read.Labels.data<long>().ToArray());
    }
}
