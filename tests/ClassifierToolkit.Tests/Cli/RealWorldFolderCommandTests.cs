using System.Text.Json;
using ClassifierToolkit.Tests.Support;

namespace ClassifierToolkit.Tests.Cli;

/// <summary><c>ctk train</c> and <c>ctk evaluate</c> on folders with broken and foreign files: they finish and name every skipped file.</summary>
[Collection(ChildProcessTests.Name)]
public class RealWorldFolderCommandTests
{
    [Fact]
    public void TrainAndEvaluate_FolderWithBrokenFiles_CompleteAndNameEverySkippedFile()
    {
        var folder = MessyImageFolder.Create(perClass: 60);
        var run = TestPaths.NewTempFolder();
        var pipeline = Path.Combine(run, "messy.json");
        File.WriteAllText(pipeline, $$"""
            { "version": 1, "name": "messy", "data": { "source": "folder", "path": {{JsonSerializer.Serialize(folder.Root)}}, "validationFraction": 0.25 },
              "input": { "width": 28, "height": 28, "channels": 1 }, "model": { "name": "cnn" },
              "training": { "epochs": 3, "batchSize": 32, "learningRate": 0.002, "device": "cpu" } }
            """);

        var train = CtkProcess.Run("train", pipeline, "--output", Path.Combine(run, "model.zip"));

        Assert.True(train.ExitCode == 0, train.Error + train.Output);
        Assert.Contains($"{folder.Broken.Count} file(s) skipped as unusable", train.Output);
        Assert.All(folder.Broken, path => Assert.Contains(path, train.Output));
        using (var metrics = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "metrics.json"))))
        {
            var skipped = metrics.RootElement.GetProperty("skippedFiles").EnumerateArray().Select(s => s.GetProperty("path").GetString()!).ToList();
            Assert.Equal(folder.Broken, skipped);
            Assert.InRange(metrics.RootElement.GetProperty("microAccuracy").GetDouble(), 0.5, 1.0);
        }
        Assert.All(folder.Broken, path => Assert.Contains(path, File.ReadAllText(Path.Combine(run, "report.md"))));

        var evaluate = CtkProcess.Run("evaluate", Path.Combine(run, "model.zip"), "--data", folder.Root, "--report-dir", Path.Combine(run, "eval"));

        Assert.True(evaluate.ExitCode == 0, evaluate.Error + evaluate.Output);
        Assert.All(folder.Broken, path => Assert.Contains(path, evaluate.Output));
        using (var metrics = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "eval", "metrics.json"))))
        {
            Assert.Equal(folder.GoodImages, metrics.RootElement.GetProperty("testImages").GetInt32());
            Assert.Equal(folder.Broken.Count, metrics.RootElement.GetProperty("skippedFiles").GetArrayLength());
        }
    }

    [Fact]
    public void TrainAndEvaluate_Strict_RefuseTheFolderNamingTheFiles()
    {
        var folder = MessyImageFolder.Create(perClass: 5);
        var pipeline = Path.Combine(TestPaths.NewTempFolder(), "messy.json");
        File.WriteAllText(pipeline, $$"""
            { "version": 1, "name": "messy", "data": { "source": "folder", "path": {{JsonSerializer.Serialize(folder.Root)}} }, "model": { "name": "cnn" } }
            """);

        var train = CtkProcess.Run("train", pipeline, "--strict", "--epochs", "1");
        var evaluate = CtkProcess.Run("evaluate", Path.Combine(TestPaths.RepoRoot, "models", "fashion-mnist-cnn.zip"), "--data", folder.Root, "--strict");

        foreach (var result in new[] { train, evaluate })
        {
            Assert.Equal(1, result.ExitCode);
            Assert.StartsWith("error:", result.Error);
            Assert.All(folder.Broken, path => Assert.Contains(path, result.Error));
        }
    }
}
