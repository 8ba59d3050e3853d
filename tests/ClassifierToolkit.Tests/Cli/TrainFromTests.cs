using System.Text.Json;
using ClassifierToolkit.Tests.Support;

namespace ClassifierToolkit.Tests.Cli;

/// <summary><c>ctk train --from model.zip</c>: continued training starts where the saved model left off.</summary>
[Collection(ChildProcessTests.Name)]
public class TrainFromTests
{
    [Fact]
    public void TrainFrom_SavedModel_ContinuesFromItsAccuracyNotFromScratch()
    {
        var folder = TestPaths.NewTempFolder();
        try
        {
            string[] data = ["--data-dir", TestPaths.FashionMnistSample, "--test-limit", "300", "--device", "cpu"];
            string[] common = [.. data, "--set", "training.learningRate=0.0001"];
            var first = CtkProcess.Run(["train", Path.Combine(TestPaths.Pipelines, "fashion-mnist-cnn.json"), "--epochs", "2",
                "--output", Path.Combine(folder, "first", "model.zip"), .. data]);
            Assert.True(first.ExitCode == 0, first.Error + first.Output);
            var continued = CtkProcess.Run(["train", Path.Combine(TestPaths.Pipelines, "fashion-mnist-cnn.json"), "--epochs", "1",
                "--from", Path.Combine(folder, "first", "model.zip"), "--output", Path.Combine(folder, "continued", "model.zip"), .. common]);
            var scratch = CtkProcess.Run(["train", Path.Combine(TestPaths.Pipelines, "fashion-mnist-cnn.json"), "--epochs", "1",
                "--output", Path.Combine(folder, "scratch", "model.zip"), .. common]);
            Assert.True(continued.ExitCode == 0, continued.Error + continued.Output);
            Assert.True(scratch.ExitCode == 0, scratch.Error + scratch.Output);

            double Accuracy(string run) => JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, run, "metrics.json"))).RootElement.GetProperty("microAccuracy").GetDouble();
            // One epoch at a tenth of the rate: from scratch it barely starts; from the saved model it keeps (or improves on) its accuracy.
            Assert.True(Accuracy("continued") >= Accuracy("first") - 0.03, $"continued {Accuracy("continued")} vs first {Accuracy("first")}");
            Assert.True(Accuracy("continued") > Accuracy("scratch") + 0.05, $"continued {Accuracy("continued")} vs scratch {Accuracy("scratch")}");
            var pipeline = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "continued", "pipeline.json"))).RootElement;
            Assert.Equal(Path.Combine(folder, "first", "model.zip"), pipeline.GetProperty("transfer").GetProperty("weights").GetString());

            var missing = CtkProcess.Run(["train", Path.Combine(TestPaths.Pipelines, "fashion-mnist-cnn.json"), "--from", Path.Combine(folder, "none.zip")]);
            Assert.Equal(1, missing.ExitCode);
            Assert.Contains("none.zip", missing.Error);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
