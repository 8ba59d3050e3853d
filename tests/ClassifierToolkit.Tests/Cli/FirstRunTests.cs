using System.Text.Json;
using ClassifierToolkit.Tests.Support;

namespace ClassifierToolkit.Tests.Cli;

/// <summary>The README's first command on a machine with neither Fashion-MNIST nor a network.</summary>
[Collection(ChildProcessTests.Name)]
public class FirstRunTests
{
    [Fact]
    public void TrainThenEvaluate_NoDataAndNoNetwork_UseTheBundledSampleAndSaySoEverywhere()
    {
        var folder = TestPaths.NewTempFolder();
        var run = Path.Combine(folder, "run");

        var train = CtkProcess.Run(["train", Path.Combine(TestPaths.Pipelines, "fashion-mnist-cnn.json"), "--epochs", "1", "--train-limit", "500",
            "--test-limit", "200", "--output", Path.Combine(run, "model.zip"), "--device", "cpu"], CtkProcess.NoDataNoNetwork(folder));

        Assert.True(train.ExitCode == 0, train.Error + train.Output);
        Assert.Contains("WARNING: Fashion-MNIST sample", train.Output);
        Assert.Contains("3,000 training and 500 test images", train.Output);
        Assert.Contains("sudo apt-get install dataset-fashion-mnist", train.Output);
        Assert.Contains(Path.Combine(folder, "empty-data-dir", "fashion-mnist"), train.Output);
        Assert.True(File.Exists(Path.Combine(run, "model.zip")));
        using (var metrics = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "metrics.json"))))
            Assert.Contains("3,000 training and 500 test images", metrics.RootElement.GetProperty("dataNote").GetString());
        Assert.Contains("**Data:** The bundled Fashion-MNIST sample was used", File.ReadAllText(Path.Combine(run, "report.md")));

        var evaluate = CtkProcess.Run(["evaluate", Path.Combine(run, "model.zip"), "--data", "fashion-mnist", "--limit", "100",
            "--report-dir", Path.Combine(folder, "evaluation")], CtkProcess.NoDataNoNetwork(folder));

        Assert.True(evaluate.ExitCode == 0, evaluate.Error + evaluate.Output);
        Assert.Contains("WARNING: Fashion-MNIST sample", evaluate.Output);
        Assert.Contains("bundled Fashion-MNIST sample was used", File.ReadAllText(Path.Combine(folder, "evaluation", "metrics.json")));
    }
}
