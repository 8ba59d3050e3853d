using System.Text.Json;
using ClassifierToolkit.Prediction;
using ClassifierToolkit.Tests.Support;

namespace ClassifierToolkit.Tests.Cli;

/// <summary><c>ctk new</c> end to end on a small real-world folder: inspection, a short search, the model, the report, the config and its re-run.</summary>
[Collection(ChildProcessTests.Name)]
public class NewCommandTests
{
    [Fact]
    public void New_MessyFolder_MakesAModelReportAndConfig_AndTheConfigRunsAgain()
    {
        var train = MessyImageFolder.Create(perClass: 50);
        var test = MessyImageFolder.Create(perClass: 20, firstImage: 2000);
        var output = Path.Combine(TestPaths.NewTempFolder(), "Demo");

        var first = CtkProcess.Run("new", "--scenario", "image-classification", "--data", train.Root, "--test-data", test.Root,
            "--train-time", "90s", "--name", "Demo", "--output", output);

        Assert.True(first.ExitCode == 0, first.Error + first.Output);
        Assert.Contains("150 images checked", first.Output);
        Assert.Contains("Input: 28×28", first.Output);
        // Small grey pictures start from scratch, and the built-in backbone is searched after it; the better model is kept.
        // The backbone's share of 90 s is about 24 s: on a loaded machine (CI runs test assemblies side by side) its one
        // trial may not finish, which ctk new says and then keeps scratch's model; either outcome is checked in full.
        Assert.Contains("Then: the built-in ImageNet backbone", first.Output);
        bool backboneFinished = !first.Output.Contains("The ImageNet backbone finished no trial in ");
        if (backboneFinished) Assert.Contains("Kept: the model trained ", first.Output);
        else Assert.DoesNotContain("Kept: ", first.Output);
        Assert.Equal(backboneFinished, File.Exists(Path.Combine(output, "automl-imagenet", "best.zip")));
        Assert.All(train.Broken, path => Assert.Contains(path, first.Output));
        foreach (var file in new[] { "Demo.zip", "Demo.ctk.json", "report.md", "metrics.json", "confusion_matrix.png", "best_so_far.png", "leaderboard.md",
                     "Demo.slnx", "Demo.Consumer/Demo.Consumer.csproj", "Demo.WebApi/Demo.WebApi.csproj" })
            Assert.True(File.Exists(Path.Combine(output, file)), $"{file} is missing");
        using (var model = ImageClassifier.Load(Path.Combine(output, "Demo.zip")))
            Assert.Equal(3, model.ClassNames.Count);
        var report = File.ReadAllText(Path.Combine(output, "report.md"));
        foreach (var section in new[] { "## Data", "## Search", "## Test results", "## Per class", "## Confusion matrix", "## Most confused pairs", "## Skipped files" })
            Assert.Contains(section, report);
        Assert.Equal(backboneFinished, report.Contains("Also searched: "));
        using (var metrics = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "metrics.json"))))
        {
            Assert.InRange(metrics.RootElement.GetProperty("microAccuracy").GetDouble(), 0.5, 1.0); // 3 classes: chance is 0.33
            Assert.Equal(60, metrics.RootElement.GetProperty("testImages").GetInt32());
            // The worst mistakes name their files in the test folder, and the picture of them stands beside the report.
            var topLosses = metrics.RootElement.GetProperty("topLosses").EnumerateArray().ToList();
            Assert.All(topLosses, loss => Assert.StartsWith(test.Root, loss.GetProperty("imagePath").GetString()));
            Assert.Equal(topLosses.Count > 0, File.Exists(Path.Combine(output, "top-losses.png")));
        }
        using (var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "Demo.ctk.json"))))
        {
            var root = config.RootElement;
            Assert.Equal("image-classification", root.GetProperty("scenario").GetString());
            Assert.Equal(train.Root, Path.GetFullPath(root.GetProperty("data").GetProperty("train").GetString()!, output));
            var result = root.GetProperty("result");
            Assert.True(result.GetProperty("trials").GetArrayLength() >= 1);
            Assert.Equal("folder", result.GetProperty("pipeline").GetProperty("data").GetProperty("source").GetString());
            Assert.Equal(backboneFinished, result.TryGetProperty("alsoTried", out var alsoTried));
            if (backboneFinished)
            {
                Assert.Contains(alsoTried.GetProperty("start").GetString(), new[] { "imagenet", "none" });
                Assert.InRange(alsoTried.GetProperty("validationAccuracy").GetDouble(), 0.0, 1.0);
            }
        }

        // The generated projects build as generated and the Consumer predicts what the toolkit predicts with the new model.
        var build = DotnetCommand.Run(["build", Path.Combine(output, "Demo.slnx"), "-c", "Debug", "-nologo", "-nodeReuse:false"], TimeSpan.FromMinutes(5));
        Assert.True(build.ExitCode == 0, build.Output + build.Error);
        var image = Directory.GetFiles(test.Root, "*.png", SearchOption.AllDirectories).First(f => !test.Broken.Contains(f));
        var consumer = DotnetCommand.Run([GeneratedProjectsFixture.AppPath(Path.Combine(output, "Demo.Consumer", "Demo.Consumer.csproj")), image], TimeSpan.FromMinutes(1));
        Assert.True(consumer.ExitCode == 0, consumer.Output + consumer.Error);
        using (var classifier = ImageClassifier.Load(Path.Combine(output, "Demo.zip")))
            Assert.Contains(classifier.Predict(image).PredictedLabel, consumer.Output);

        var again = CtkProcess.Run("new", "--config", Path.Combine(output, "Demo.ctk.json"), "--train-time", "30s");

        Assert.True(again.ExitCode == 0, again.Error + again.Output);
        Assert.Contains("150 images checked", again.Output);
        using var rerun = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "Demo.ctk.json")));
        Assert.Equal("30s", rerun.RootElement.GetProperty("trainTime").GetString());
        Assert.False(Directory.Exists(Path.Combine(output, "automl.running")));
        // 30 s leave the backbone no time: the earlier run's search of it goes with that run's model.
        Assert.DoesNotContain("Then: the built-in ImageNet backbone", again.Output);
        Assert.False(Directory.Exists(Path.Combine(output, "automl-imagenet")));
        Assert.False(rerun.RootElement.GetProperty("result").TryGetProperty("alsoTried", out _));
    }

    [Fact]
    public void New_WithWeights_FineTunesTheModelTheyBelongTo()
    {
        var train = MessyImageFolder.Create(perClass: 30, classes: 4);
        var output = Path.Combine(TestPaths.NewTempFolder(), "Shoes");
        var weights = Path.Combine(TestPaths.RepoRoot, "models", "fashion-mnist-cnn.zip");

        var result = CtkProcess.Run("new", "--scenario", "image-classification", "--data", train.Root, "--train-time", "20s",
            "--name", "Shoes", "--output", output, "--weights", weights);

        Assert.True(result.ExitCode == 0, result.Error + result.Output);
        Assert.Contains("fine-tuning cnn from", result.Output);
        // Without --test-data the validation split is the test set, so the best configuration is not refit on it.
        Assert.Contains("Not refit: the data has no separate test set", result.Output);
        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "Shoes.ctk.json")));
        var pipeline = config.RootElement.GetProperty("result").GetProperty("pipeline");
        Assert.Equal("cnn", pipeline.GetProperty("model").GetProperty("name").GetString());
        Assert.StartsWith("not refit: the data has no separate test set", config.RootElement.GetProperty("result").GetProperty("refit").GetString());
        Assert.Equal(weights, pipeline.GetProperty("transfer").GetProperty("weights").GetString());
        // The shipped model's own normalization, not ImageNet's: it was trained with mean 0.5, std 0.5.
        Assert.Equal(0.5, pipeline.GetProperty("input").GetProperty("mean")[0].GetDouble(), 4);
        // Pretrained on these very classes: far above the 0.25 of chance even after a short run.
        Assert.InRange(config.RootElement.GetProperty("result").GetProperty("testAccuracy").GetDouble(), 0.6, 1.0);
    }

    [Fact]
    public void New_Errors_NameTheProblem()
    {
        var oneClass = TestPaths.NewTempFolder();
        TestImages.Write(Path.Combine(oneClass, "cat", "a.png"), 8, 8, TestImages.Kind.Grey);

        var noScenario = CtkProcess.Run("new", "--data", oneClass);
        var single = CtkProcess.Run("new", "--scenario", "image-classification", "--data", oneClass, "--output", TestPaths.NewTempFolder());
        var badConfig = Path.Combine(TestPaths.NewTempFolder(), "x.ctk.json");
        File.WriteAllText(badConfig, """{ "version": 1, "name": "X", "data": { "train": "." }, "trainTme": "5m" }""");
        var config = CtkProcess.Run("new", "--config", badConfig);

        Assert.Equal(2, noScenario.ExitCode);
        Assert.Contains("--scenario image-classification", noScenario.Error);
        Assert.Equal(1, single.ExitCode);
        Assert.Contains("one class only ('cat')", single.Error);
        Assert.Equal(1, config.ExitCode);
        Assert.Contains("$.trainTme: unknown key", config.Error);
    }
}
