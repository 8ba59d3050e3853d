using ClassifierToolkit.Weights;

namespace ClassifierToolkit.Tests.Onnx.Weights;

public class WeightTensorTests
{
    [Fact]
    public void ElementCount_IsTheShapesProduct_OneForAScalar()
    {
        Assert.Equal(6, new WeightTensor([2, 3], new float[6]).ElementCount);
        Assert.Equal(1, new WeightTensor([], [4f]).ElementCount);
        Assert.Equal(0, new WeightTensor([0, 5], []).ElementCount);
    }

    [Fact]
    public void Constructor_ValuesNotMatchingShape_ThrowsNamingBoth()
    {
        var error = Assert.Throws<ArgumentException>(() => new WeightTensor([2, 3], new float[5]));
        Assert.Contains("[2, 3] holds 6 values, but 5 were given", error.Message);
    }

    [Fact]
    public void Constructor_NegativeDimension_Throws() =>
        Assert.Throws<ArgumentException>(() => new WeightTensor([-1], []));

    [Fact]
    public void Equals_ComparesShapeAndValuesNotArrays()
    {
        Assert.Equal(new WeightTensor([2], [1f, 2f]), new WeightTensor([2], [1f, 2f]));
        Assert.NotEqual(new WeightTensor([2], [1f, 2f]), new WeightTensor([2], [1f, 3f]));
        Assert.NotEqual(new WeightTensor([1, 2], [1f, 2f]), new WeightTensor([2, 1], [1f, 2f]));
    }
}
