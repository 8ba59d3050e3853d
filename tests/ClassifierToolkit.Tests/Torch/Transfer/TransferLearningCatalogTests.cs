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
            WeightsPath = "weights.safetensors", Arch = "resnet34", Mode = TransferMode.Bottleneck, Epoch = 7, BatchSize = 16,
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
    public void SimpleOverload_TakesTheOptionsDefaults()
    {
        var defaults = new TransferLearningOptions { WeightsPath = "w.safetensors" }.ToTrainerOptions();
        Assert.Equal("resnet18", defaults.Model.Name);
        Assert.Equal(new TrainingSpec().Epochs, defaults.Training.Epochs);
        Assert.Equal(new TransferSpec { Weights = "w.safetensors" }, defaults.Transfer);
        // The catalog builds the trainer through the same path; an unknown architecture fails there, before any data.
        var error = Assert.Throws<PipelineSpecException>(() => new MLContext(1).Classifier().Trainers.TransferLearning("w.safetensors", arch: "resnet99"));
        Assert.Contains("resnet99", error.Message);
    }
}
