using ClassifierToolkit.Tests.Support;
using ClassifierToolkit.Torch.Transfer;
using ClassifierToolkit.Weights;

namespace ClassifierToolkit.Tests.Torch.Transfer;

/// <summary>Which model a weights file belongs to, when the file does not say (a plain torchvision export).</summary>
public class WeightsModelTests
{
    [Theory]
    [InlineData("resnet8-cifar", 1)]
    [InlineData("resnet18", 3)]
    [InlineData("cnn-plus", 1)]
    public void Identify_UnlabelledWeights_FindsTheirModelByTensorNamesAndShapes(string model, int channels)
    {
        // Another class count and channel count than Identify builds with: both are adapted by transfer, so they must not matter.
        var path = TestWeights.Save(TestWeights.Model(model, classes: 7, channels), TestPaths.NewTempFolder());

        Assert.Equal(model, WeightsModel.Identify(PretrainedWeights.Read(path)));
    }

    [Fact]
    public void Identify_ToolkitZip_UsesTheRecordedModel()
    {
        var weights = PretrainedWeights.Read(Path.Combine(TestPaths.RepoRoot, "models", "fashion-mnist-cnn.zip"));

        Assert.Equal("cnn", WeightsModel.Identify(weights));
    }

    [Fact]
    public void Identify_ForeignWeights_SaysNoModelFitsAndWhichCameClosest()
    {
        var path = Path.Combine(TestPaths.NewTempFolder(), "foreign.safetensors");
        SafetensorsFile.Write(path, new Dictionary<string, WeightTensor> { ["encoder.layer0.weight"] = new([4, 4], new float[16]) });

        var error = Assert.Throws<InvalidDataException>(() => WeightsModel.Identify(PretrainedWeights.Read(path)));

        Assert.Contains("holds no registered model's weights", error.Message);
        Assert.Contains("the closest", error.Message);
    }
}
