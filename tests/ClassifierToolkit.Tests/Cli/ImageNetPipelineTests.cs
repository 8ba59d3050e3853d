using System.Text.Json;
using ClassifierToolkit.Data;
using ClassifierToolkit.Prediction;
using ClassifierToolkit.Tests.Support;

namespace ClassifierToolkit.Tests.Cli;

/// <summary>The built-in ImageNet backbone asked for by name: the shipped pipeline, <c>ctk train --weights imagenet</c> and <c>ctk new</c>.</summary>
[Collection(ChildProcessTests.Name)]
public class ImageNetPipelineTests
{
    [Fact]
    public void TransferImageNetFolder_Bottleneck_LearnsFromTheBuiltInWeights_AndTheZipServesWithPlainMLNet()
    {
        var folder = TestPaths.NewTempFolder();
        var images = ThreeClasses(folder, 150);
        var model = Path.Combine(folder, "run", "model.zip");

        var run = CtkProcess.Run("train", Path.Combine(TestPaths.Pipelines, "transfer-imagenet-folder.json"), "--epochs", "4",
            "--set", $"data.path={images}", "--set", "transfer.mode=bottleneck", "--set", $"transfer.featureCache={Path.Combine(folder, "cache")}",
            "--set", "input.width=64", "--set", "input.height=64", "--output", model);

        Assert.True(run.ExitCode == 0, run.Error + run.Output);
        Assert.Contains("resnet-mlnet", run.Output);
        var metrics = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "run", "metrics.json"))).RootElement;
        // ImageNet features tell trousers, bags and sneakers apart at once: chance is 0.33.
        Assert.InRange(metrics.GetProperty("microAccuracy").GetDouble(), 0.7, 1.0);
        using var served = ImageClassifier.Load(model);
        var trouser = Directory.GetFiles(Path.Combine(images, "Trouser")).First();
        Assert.Equal(3, served.Predict(trouser).Scores.Length);
    }

    [Fact]
    public void TrainWeightsImageNet_OnAnotherModel_SaysWhichModelTheWeightsBelongTo()
    {
        var run = CtkProcess.Run("train", Path.Combine(TestPaths.Pipelines, "fashion-mnist-cnn.json"), "--weights", "imagenet", "--epochs", "1");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("$.model.name", run.Error);
        Assert.Contains("resnet-mlnet", run.Error);
        Assert.DoesNotContain("   at ", run.Error);
    }

    [Fact]
    public void New_WeightsImageNet_StartsFromTheBackbone_AndSaysWhy()
    {
        var folder = TestPaths.NewTempFolder();
        var images = ThreeClasses(folder, 90);
        var output = Path.Combine(folder, "Clothes");

        var result = CtkProcess.Run("new", "--scenario", "image-classification", "--data", images, "--train-time", "50s",
            "--name", "Clothes", "--output", output, "--weights", "imagenet");

        Assert.True(result.ExitCode == 0, result.Error + result.Output);
        Assert.Contains("Start: the built-in ImageNet backbone (resnet-mlnet)", result.Output);
        Assert.Contains("Fine-tuning speed:", result.Output);
        Assert.Contains("Start: the built-in ImageNet backbone", File.ReadAllText(Path.Combine(output, "report.md")));
        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "Clothes.ctk.json")));
        Assert.Equal("imagenet", config.RootElement.GetProperty("weights").GetString());
        var pipeline = config.RootElement.GetProperty("result").GetProperty("pipeline");
        Assert.Equal("resnet-mlnet", pipeline.GetProperty("model").GetProperty("name").GetString());
        Assert.Equal("imagenet", pipeline.GetProperty("transfer").GetProperty("weights").GetString());
        Assert.Equal(3, pipeline.GetProperty("input").GetProperty("channels").GetInt32());
        Assert.InRange(config.RootElement.GetProperty("result").GetProperty("testAccuracy").GetDouble(), 0.6, 1.0);
    }

    private static string ThreeClasses(string folder, int count)
    {
        var images = Path.Combine(folder, "images");
        PngExporter.Export(SampleData.Train.Take(count * 10 / 3 + 30), images);
        foreach (var other in Directory.GetDirectories(images).Where(d => Path.GetFileName(d) is not ("Trouser" or "Bag" or "Sneaker")))
            Directory.Delete(other, recursive: true);
        return images;
    }
}
