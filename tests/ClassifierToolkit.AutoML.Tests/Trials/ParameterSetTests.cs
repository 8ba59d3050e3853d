using ClassifierToolkit.AutoML.Trials;

namespace ClassifierToolkit.AutoML.Tests.Trials;

public class ParameterSetTests
{
    [Fact]
    public void ToJson_RoundTrips_AndEqualSetsCompareEqualWhateverTheOrder()
    {
        var a = new ParameterSet([KeyValuePair.Create("training.learningRate", ParameterValue.Of(0.003)),
            KeyValuePair.Create("model.name", ParameterValue.Of("resnet8")), KeyValuePair.Create("training.augmentation.horizontalFlip", ParameterValue.Of(true))]);
        var b = new ParameterSet(a.Reverse());
        var back = ParameterSet.FromJson(a.ToJson());
        Assert.Equal(a, b);
        Assert.Equal(a, back);
        Assert.Equal(a.GetHashCode(), back.GetHashCode());
        Assert.NotEqual(a, a.With("training.learningRate", ParameterValue.Of(0.001)));
        Assert.Equal("{\"model.name\":\"resnet8\",\"training.augmentation.horizontalFlip\":true,\"training.learningRate\":0.003}", a.ToJson());
    }

    [Fact]
    public void ToJsonNode_WritesWholeNumbersWithoutAFraction()
    {
        Assert.Equal("64", ParameterValue.Of(64.0).ToJsonNode().ToJsonString());
        Assert.Equal("0.5", ParameterValue.Of(0.5).ToJsonNode().ToJsonString());
    }
}
