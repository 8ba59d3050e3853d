using ClassifierToolkit.Pipelines;
using ClassifierToolkit.Torch.Models.Registry;
using ClassifierToolkit.Torch.Transfer;
using Microsoft.ML;

namespace ClassifierToolkit.Tests.Torch.Transfer;

public class TransferLearningCatalogTests
{
    [Fact]
    public void Options_MLNetNames_MapOntoTheTrainersSettings()
    {
        var options = new TransferLearningOptions
        {
            WeightsPath = "weights.safetensors", Arch = TransferArchitecture.ResNet34, Mode = TransferMode.Bottleneck, Epochs = 7, BatchSize = 16,
            LearningRate = 0.01, WorkspacePath = "ws", ReuseCachedFeatures = false, HeadEpochs = 2, LabelColumnName = "Class",
        }.ToTrainerOptions();

        Assert.Equal("resnet34", options.Model.Name);
        Assert.Equal((7, 16, 0.01), (options.Training.Epochs, options.Training.BatchSize, options.Training.LearningRate));
        Assert.Equal(new TransferSpec { Weights = "weights.safetensors", Mode = TransferMode.Bottleneck, FeatureCache = "ws", ReuseCachedFeatures = false, HeadEpochs = 2 },
            options.Transfer);
        Assert.Equal("Class", options.LabelColumnName);
        Assert.Equal(ModelCards.ImageNet224.Mean, options.Mean);
        Assert.Equal(ModelCards.ImageNet224.Std, options.Std);
    }

    [Fact]
    public void Defaults_AreTheBuiltInImageNetResNet_WithItsOwnNormalization()
    {
        var defaults = new TransferLearningOptions().ToTrainerOptions();
        Assert.Equal("resnet-mlnet", defaults.Model.Name);
        Assert.Equal(new TrainingSpec().Epochs, defaults.Training.Epochs);
        Assert.Equal(new TransferSpec { Weights = TransferSpec.ImageNetWeights }, defaults.Transfer);
        Assert.Equal(ModelCards.MlNetImageNet224.Mean, defaults.Mean);
        Assert.Equal(ModelCards.MlNetImageNet224.Std, defaults.Std);
        // Through the catalog's simple overload too: no file to give.
        Assert.NotNull(new MLContext(1).Classifier().Trainers.TransferLearning());
    }

    [Fact]
    public void TorchvisionArchitectures_NeedAWeightsFile_AndSaySo()
    {
        var error = Assert.Throws<ArgumentException>(() => new TransferLearningOptions { Arch = TransferArchitecture.ResNet18 }.ToTrainerOptions());
        Assert.Contains("WeightsPath", error.Message);
        Assert.Contains("ResNetMlNet", error.Message);
        var options = new MLContext(1).Classifier().Trainers.TransferLearning(TransferArchitecture.ResNet18, "w.safetensors");
        Assert.NotNull(options);
    }
}
