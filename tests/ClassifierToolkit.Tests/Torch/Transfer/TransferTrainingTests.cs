using ClassifierToolkit.Data;
using ClassifierToolkit.Pipelines;
using ClassifierToolkit.Prediction;
using ClassifierToolkit.Preprocessing;
using ClassifierToolkit.Tests.Support;
using ClassifierToolkit.Torch.Training;
using ClassifierToolkit.Torch.Weights;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace ClassifierToolkit.Tests.Torch.Transfer;

/// <summary>Bottleneck and fine-tune training from a weights file: what stays frozen stays exactly as it was.</summary>
public sealed class TransferTrainingTests : IDisposable
{
    private readonly string _folder = TestPaths.NewTempFolder();

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Bottleneck_TrainsTheHeadOnly_TheBackboneAndItsStatisticsUnchanged()
    {
        var weights = TrainedResNet8();
        var trained = Train(new TransferSpec { Weights = weights, Mode = TransferMode.Bottleneck, FeatureCache = Path.Combine(_folder, "cache") }, epochs: 3);

        var before = ToolkitModelWeights.Read(weights);
        var after = SavedWeights(trained);
        foreach (var name in before.Keys.Where(n => !n.StartsWith("fc.", StringComparison.Ordinal)))
            Assert.Equal(before[name].Values, after[name].Values);
        Assert.NotEqual(before["fc.weight"].Values, after["fc.weight"].Values);
        Assert.True(trained.History[^1].ValAccuracy > 0.3, $"validation accuracy {trained.History[^1].ValAccuracy} (chance 0.1)");
        Assert.Equal(2, Directory.GetFiles(Path.Combine(_folder, "cache")).Length); // training and validation features
    }

    [Fact]
    public void Finetune_HeadEpochsFirst_ThenOnlyTheUnfrozenStagesChange()
    {
        var weights = PretrainedResNet8();
        var before = SafetensorsFile.Read(weights);
        var spec = new TransferSpec { Weights = weights, Mode = TransferMode.Finetune, HeadEpochs = 1, UnfreezeStages = 1 };

        var headOnly = SavedWeights(Train(spec, epochs: 1));
        var oneStage = SavedWeights(Train(spec, epochs: 2));

        foreach (var name in before.Keys.Where(n => !n.StartsWith("fc.", StringComparison.Ordinal)))
            Assert.Equal(before[name].Values, headOnly[name].Values);
        // Stages are conv1, bn1, layer1, layer2, layer3: only layer3 joins, its BatchNorm statistics stay pretrained.
        Assert.NotEqual(before["layer3.0.conv1.weight"].Values, oneStage["layer3.0.conv1.weight"].Values);
        Assert.Equal(before["layer3.0.bn1.running_mean"].Values, oneStage["layer3.0.bn1.running_mean"].Values);
        Assert.Equal(before["layer2.0.conv1.weight"].Values, oneStage["layer2.0.conv1.weight"].Values);
        Assert.Equal(before["conv1.weight"].Values, oneStage["conv1.weight"].Values);
    }

    [Fact]
    public void BottleneckCache_KeyChangesWithOneImageOrTheWeights_AndAMatchingFileIsReused()
    {
        var weights = PretrainedResNet8();
        var otherWeights = PretrainedResNet8(seed: 9, name: "other.safetensors");
        using var images = new TensorDataset(TorchSharp.torch.rand(8, 1, 28, 28), TorchSharp.torch.zeros(8, dtype: TorchSharp.torch.int64));
        var cache = Path.Combine(_folder, "cache");

        var key = ClassifierToolkit.Torch.Transfer.BottleneckFeatures.CacheFile(cache, images, weights, "resnet8");
        Assert.Equal(key, ClassifierToolkit.Torch.Transfer.BottleneckFeatures.CacheFile(cache, images, weights, "resnet8"));
        Assert.NotEqual(key, ClassifierToolkit.Torch.Transfer.BottleneckFeatures.CacheFile(cache, images, otherWeights, "resnet8"));
        Assert.NotEqual(key, ClassifierToolkit.Torch.Transfer.BottleneckFeatures.CacheFile(cache, images, weights, "resnet20"));
        using (TorchSharp.torch.no_grad()) images.Pixels[3, 0, 10, 10] = TorchSharp.torch.tensor(images.Pixels[3, 0, 10, 10].item<float>() + 0.01f);
        Assert.NotEqual(key, ClassifierToolkit.Torch.Transfer.BottleneckFeatures.CacheFile(cache, images, weights, "resnet8"));
    }

    // A resnet8 trained briefly on the sample, saved as the toolkit saves models: weights whose features mean something.
    private string TrainedResNet8()
    {
        var trained = Train(null, epochs: 1, images: 1000);
        var mlContext = new MLContext(1);
        var path = Path.Combine(_folder, "pretrained.zip");
        ImageClassifier.Save(mlContext, new TransformerChain<ITransformer>(ImagePreprocessing.Fit(mlContext, trained.Input), trained.Transformer), path);
        return path;
    }

    private string PretrainedResNet8(int seed = 1, string name = "resnet8.safetensors")
    {
        using var model = TestWeights.Model("resnet8", 10, seed: seed);
        return TestWeights.Save(model, _folder, name);
    }

    private static TrainedClassifier Train(TransferSpec? transfer, int epochs, int images = 640)
    {
        var mlContext = new MLContext(4);
        var options = new ImageClassifierTrainer.Options
        {
            Model = new ModelSpec { Name = "resnet8" }, Training = new TrainingSpec { Epochs = epochs, Seed = 4 },
            Mean = [0.5f], Std = [0.5f], ClassNames = FashionMnist.ClassNames, Transfer = transfer,
        };
        return new ImageClassifierTrainer(mlContext, options)
            .FitWithDetails(SampleData.Train.Take(images).ToDataView(mlContext), SampleData.Test.Take(200).ToDataView(mlContext));
    }

    private WeightSet SavedWeights(TrainedClassifier trained)
    {
        var mlContext = new MLContext(1);
        var path = Path.Combine(_folder, Guid.NewGuid().ToString("N") + ".zip");
        ImageClassifier.Save(mlContext, new TransformerChain<ITransformer>(ImagePreprocessing.Fit(mlContext, trained.Input), trained.Transformer), path);
        return ToolkitModelWeights.Read(path);
    }
}
