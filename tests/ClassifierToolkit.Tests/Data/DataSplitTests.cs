using ClassifierToolkit.Data;

namespace ClassifierToolkit.Tests.Data;

public class DataSplitTests
{
    [Fact]
    public void Split_SameSeed_SameDisjointPartition()
    {
        var first = DataSplit.Split(1000, 0.2, seed: 99);
        var second = DataSplit.Split(1000, 0.2, seed: 99);

        Assert.Equal(first.Train, second.Train);
        Assert.Equal(first.Validation, second.Validation);
        Assert.Equal(800, first.Train.Count);
        Assert.Equal(200, first.Validation.Count);
        Assert.Empty(first.Train.Intersect(first.Validation));
        Assert.Equal(Enumerable.Range(0, 1000), first.Train.Concat(first.Validation).Order());
    }

    [Fact]
    public void Split_DifferentSeed_DifferentValidationSet()
    {
        Assert.NotEqual(DataSplit.Split(1000, 0.2, 1).Validation, DataSplit.Split(1000, 0.2, 2).Validation);
    }

    [Fact]
    public void Split_FractionOne_IsRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => DataSplit.Split(10, 1.0, 1));
    }
}
