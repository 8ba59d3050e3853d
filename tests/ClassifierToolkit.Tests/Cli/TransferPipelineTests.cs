using System.Text.Json;
using ClassifierToolkit.Data;
using ClassifierToolkit.Preprocessing;
using ClassifierToolkit.Tests.Support;
using ClassifierToolkit.Tests.Torch.Transfer;
using ClassifierToolkit.Torch.Models;
using ClassifierToolkit.Torch.Models.Registry;

namespace ClassifierToolkit.Tests.Cli;

/// <summary>The shipped transfer pipeline end to end: torchvision-layout ResNet-18 weights from a .safetensors file, RGB, centre crop.</summary>
public class TransferPipelineTests
{
    [Fact]
    public void TransferResNet18Bottleneck_SafetensorsAndAnImageFolder_TrainsServesAndReusesItsFeatures()
    {
        var folder = TestPaths.NewTempFolder();
        try
        {
            var images = Path.Combine(folder, "images");
            PngExporter.Export(SampleData.Train.Take(200), images);
            foreach (var other in Directory.GetDirectories(images).Where(d => Path.GetFileName(d) is not ("Trouser" or "Bag" or "Sneaker")))
                Directory.Delete(other, recursive: true);
            using (var resnet = SeededModelFactory.Create("resnet18", new ModelOptions(1000, new InputShape(3, 64, 64)), 1))
                TestWeights.Save(resnet, folder, "resnet18.safetensors");
            string[] run = ["train", Path.Combine(TestPaths.Pipelines, "transfer-resnet18-bottleneck.json"), "--epochs", "3", "--device", "cpu",
                "--set", $"data.path={images}", "--set", $"transfer.weights={Path.Combine(folder, "resnet18.safetensors")}",
                "--set", $"transfer.featureCache={Path.Combine(folder, "cache")}", "--set", "input.width=64", "--set", "input.height=64"];

            var first = CtkProcess.Run([.. run, "--output", Path.Combine(folder, "first", "model.zip")]);
            var second = CtkProcess.Run([.. run, "--output", Path.Combine(folder, "second", "model.zip")]);

            Assert.True(first.ExitCode == 0, first.Error + first.Output);
            Assert.Matches(@"train features: \d+ images in", first.Output);
            Assert.True(second.ExitCode == 0, second.Error + second.Output);
            Assert.Contains("read from the cache", second.Output);
            var metrics = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "second", "metrics.json"))).RootElement;
            Assert.Equal(["Bag", "Sneaker", "Trouser"], metrics.GetProperty("classes").EnumerateArray().Select(c => c.GetString()));
            using var served = ClassifierToolkit.Prediction.ImageClassifier.Load(Path.Combine(folder, "second", "model.zip"));
            Assert.Equal((3, 64, 64), (served.Channels, served.Height, served.Width));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
