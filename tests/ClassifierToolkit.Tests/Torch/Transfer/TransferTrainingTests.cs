using ClassifierToolkit.Data;
using ClassifierToolkit.IO;
using ClassifierToolkit.Pipelines;
using ClassifierToolkit.Prediction;
using ClassifierToolkit.Preprocessing;
using ClassifierToolkit.Tests.Support;
using ClassifierToolkit.Torch.Training;
using ClassifierToolkit.Torch.Transfer;
using ClassifierToolkit.Torch.Weights;
using ClassifierToolkit.Weights;
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
        var pixels = TorchSharp.torch.rand(8, 1, 28, 28);
        IEnumerable<TensorDataset> Images() { yield return new TensorDataset(pixels.clone(), TorchSharp.torch.zeros(8, dtype: TorchSharp.torch.int64)); }

        weights = ContentHash.OfFile(weights);
        otherWeights = ContentHash.OfFile(otherWeights);
        var key = BottleneckFeatures.Hash(Images(), weights, "resnet8").Key;
        Assert.Equal(key, BottleneckFeatures.Hash(Images(), weights, "resnet8").Key);
        Assert.NotEqual(key, BottleneckFeatures.Hash(Images(), otherWeights, "resnet8").Key);
        Assert.NotEqual(key, BottleneckFeatures.Hash(Images(), weights, "resnet20").Key);
        using (TorchSharp.torch.no_grad()) pixels[3, 0, 10, 10] = TorchSharp.torch.tensor(pixels[3, 0, 10, 10].item<float>() + 0.01f);
        Assert.NotEqual(key, BottleneckFeatures.Hash(Images(), weights, "resnet8").Key);

        // A cache file of the right shape is taken as it is (the key vouches for it); without reuse the features are computed.
        using var model = TestWeights.Model("resnet8", 10);
        using var normalization = new ClassifierToolkit.Torch.Export.InputNormalization(new InputShape(1, 28, 28), TorchSharp.torch.CPU);
        var cacheFile = Path.Combine(_folder, "cache", key + ".safetensors");
        SafetensorsFile.Write(cacheFile, new Dictionary<string, WeightTensor> { ["features"] = new([8, 64], Enumerable.Repeat(7f, 8 * 64).ToArray()) });
        Assert.Equal(7f, BottleneckFeatures.Get(model, normalization, Images(), 8, TorchSharp.torch.CPU, cacheFile, reuse: true)[0, 0].item<float>());
        var computed = BottleneckFeatures.Get(model, normalization, Images(), 8, TorchSharp.torch.CPU, cacheFile, reuse: false);
        Assert.NotEqual(7f, computed[0, 0].item<float>());
        Assert.NotEqual(7f, SafetensorsFile.Read(cacheFile)["features"].Values[0]);
    }

    [Fact]
    public void ReadChunks_SmallChunks_StreamTheSameRowsAsOneRead()
    {
        var mlContext = new MLContext(1);
        var data = SampleData.Test.Take(50).ToDataView(mlContext);
        var shape = new InputShape(1, 28, 28) { Alpha = true };
        using var whole = DataViewTensorReader.Read(data, ColumnNames.Pixels, ColumnNames.Label, FashionMnist.ClassNames, shape);

        var chunks = DataViewTensorReader.ReadChunks(data, ColumnNames.Pixels, ColumnNames.Label, FashionMnist.ClassNames, shape, chunkRows: 16).ToList();

        Assert.Equal([16L, 16, 16, 2], chunks.Select(c => c.Pixels.shape[0]));
        Assert.True(TorchSharp.torch.cat(chunks.Select(c => c.Pixels).ToList(), 0).allclose(whole.Pixels, 0, 0));
        Assert.True(TorchSharp.torch.cat(chunks.Select(c => c.Labels).ToList(), 0).equal(whole.Labels).all().item<bool>());
        foreach (var chunk in chunks) chunk.Dispose();
    }

    // A resnet8 trained briefly on the sample, saved as the toolkit saves models: weights whose features mean something.
    private string TrainedResNet8()
    {
        var trained = Train(null, epochs: 1, images: 1000);
        var mlContext = new MLContext(1);
        var path = Path.Combine(_folder, "pretrained.zip");
        SavedClassifier.Save(mlContext, new TransformerChain<ITransformer>(ImagePreprocessing.Fit(mlContext, trained.Input), trained.Transformer), path);
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
        SavedClassifier.Save(mlContext, new TransformerChain<ITransformer>(ImagePreprocessing.Fit(mlContext, trained.Input), trained.Transformer), path);
        return ToolkitModelWeights.Read(path);
    }
}
