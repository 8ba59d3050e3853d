using System.Text.Json;
using ClassifierToolkit.Tests.Support;

namespace ClassifierToolkit.Tests.Cli;

/// <summary><c>ctk</c> on a folder with a 420 MP picture: every command completes, reads it at reduced size, prints no stack trace.</summary>
[Collection(ChildProcessTests.Name)]
public class LargeImageCommandTests
{
    [Fact]
    public void TrainEvaluatePredict_FolderWithHugeImages_CompleteReadingThemAtReducedSize()
    {
        var folder = LargeImageFolder.Create();
        var run = TestPaths.NewTempFolder();
        // One cache for the three runs: the first makes the reduced copies, the others find them.
        var cache = new Dictionary<string, string> { ["CTK_CACHE_DIR"] = Path.Combine(run, "cache") };
        var pipeline = Path.Combine(run, "large.json");
        File.WriteAllText(pipeline, $$"""
            { "version": 1, "name": "large", "data": { "source": "folder", "path": {{JsonSerializer.Serialize(folder.Root)}}, "validationFraction": 0.25 },
              "input": { "width": 28, "height": 28, "channels": 3 }, "model": { "name": "cnn" },
              "training": { "epochs": 2, "batchSize": 8, "learningRate": 0.002, "device": "cpu" } }
            """);

        var train = CtkProcess.Run(["train", pipeline, "--output", Path.Combine(run, "model.zip")], cache);
        var evaluate = CtkProcess.Run(["evaluate", Path.Combine(run, "model.zip"), "--data", folder.Root], cache);
        var predict = CtkProcess.Run(["predict", Path.Combine(run, "model.zip"), folder.OverLimit[0]], cache);

        foreach (var result in new[] { train, evaluate, predict })
        {
            Assert.True(result.ExitCode == 0, result.Error + result.Output);
            Assert.DoesNotContain("   at ", result.Error + result.Output);
        }
        foreach (var result in new[] { train, evaluate })
        {
            Assert.Contains("2 image(s) larger than 25 MP were read at reduced size", result.Output);
            Assert.Contains(folder.Broken, result.Output);
            Assert.DoesNotContain($"{folder.OverLimit[0]}: ", result.Output);
        }
        using var metrics = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "metrics.json")));
        Assert.Equal([folder.Broken], metrics.RootElement.GetProperty("skippedFiles").EnumerateArray().Select(s => s.GetProperty("path").GetString()!));
        // The reduced pictures are listed too, in metrics.json and report.md, as used rather than skipped.
        Assert.Equal(folder.OverLimit.Order(StringComparer.Ordinal),
            metrics.RootElement.GetProperty("reducedFiles").EnumerateArray().Select(r => r.GetProperty("path").GetString()!).Order(StringComparer.Ordinal));
        var report = File.ReadAllText(Path.Combine(run, "report.md"));
        Assert.Contains("## Read at reduced size (2)", report);
        Assert.All(folder.OverLimit, path => Assert.Contains(path, report));
    }

    [Fact]
    public void New_FolderWithHugeImages_Completes()
    {
        var folder = LargeImageFolder.Create();
        var output = TestPaths.NewTempFolder();

        var result = CtkProcess.Run("new", "--scenario", "image-classification", "--data", folder.Root, "--train-time", "45s", "--name", "Large", "--output", output);

        Assert.True(result.ExitCode == 0, result.Error + result.Output);
        Assert.Contains("2 image(s) larger than 25 MP were read at reduced size", result.Output);
        Assert.DoesNotContain("   at ", result.Error + result.Output);
        Assert.True(File.Exists(Path.Combine(output, "Large.zip")) || Directory.GetFiles(output, "*.zip", SearchOption.TopDirectoryOnly).Length > 0);
    }
}
