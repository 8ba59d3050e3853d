using ClassifierToolkit.Data;
using ClassifierToolkit.Preprocessing;
using ClassifierToolkit.Tests.Support;
using ClassifierToolkit.Torch.Training;
using Microsoft.ML;

namespace ClassifierToolkit.Tests.Torch.Training;

public class DataViewTensorReaderTests
{
    private static readonly InputShape Shape = new(1, 28, 28);

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
