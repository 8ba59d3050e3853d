using System.Diagnostics;
using ClassifierToolkit.AutoML.Storage;
using ClassifierToolkit.AutoML.Trials;
using ClassifierToolkit.Prediction;
using ClassifierToolkit.Tests.Support;

namespace ClassifierToolkit.Tests.AutoML;

/// <summary>The real console and TorchSharp trainer on the committed sample: tiny searches, one or two epochs.</summary>
[Collection(ChildProcessTests.Name)]
public class AutoMLCommandTests
{
    private static string SearchFile(string folder, int epochs = 1)
    {
        var path = Path.Combine(folder, "search.json");
        File.WriteAllText(path, $$"""
            { "version": 1, "name": "tiny-search",
              "data": { "trainLimit": 600, "testLimit": 200, "validationFraction": 0.2 },
              "input": { "mean": [0.5], "std": [0.5] },
              "model": { "name": "cnn" },
              "training": { "epochs": {{epochs}}, "batchSize": 64 },
              "search": {
                "model.name": { "choice": ["cnn", "resnet8"] },
                "training.learningRate": { "logUniform": [0.0005, 0.005] }
              } }
            """);
        return path;
    }

    [Fact]
    public void Automl_TinySearch_WritesAServableBestModelReportLeaderboardAndPlots()
    {
        var folder = TestPaths.NewTempFolder();
        var output = Path.Combine(folder, "out");
        var result = CtkProcess.Run("automl", SearchFile(folder), "--max-trials", "3", "--tuner", "random", "--pruner", "none",
            "--data-dir", TestPaths.FashionMnistSample, "--output", output);

        Assert.True(result.ExitCode == 0, result.Error + result.Output);
        Assert.Contains("trial 3 complete", result.Output);
        foreach (var file in new[] { "best.zip", "metrics.json", "report.md", "leaderboard.csv", "leaderboard.md", "best_so_far.png", "parameters.png", "experiment.db", "best-pipeline.json" })
            Assert.True(File.Exists(Path.Combine(output, file)), $"{file} is missing");
        var classifier = ImageClassifier.Load(Path.Combine(output, "best.zip"));
        var images = ClassifierToolkit.Data.PngExporter.Export(SampleData.Test.Take(40), Path.Combine(folder, "png"));
        double accuracy = images.Count(i => classifier.Predict(i.ImagePath).PredictedLabel == i.Label) / (double)images.Count;
        Assert.True(accuracy > 0.3, $"best model accuracy {accuracy} is no better than chance");
        Assert.Equal(4, File.ReadAllLines(Path.Combine(output, "leaderboard.csv")).Length);
        // The best model, taken from the study's store, still says how its trial computed on this machine.
        using var metrics = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "metrics.json")));
        var compute = metrics.RootElement.GetProperty("compute");
        Assert.Equal(ClassifierToolkit.Hardware.CpuFeatures.ForLibTorch.HasNativeBf16 ? "bf16" : "fp32", compute.GetProperty("precision").GetString());
        Assert.Contains("## Compute", File.ReadAllText(Path.Combine(output, "report.md")));

        // Refit (on by default): best.zip is the best configuration trained again on all 600 images (train + validation),
        // tested once; the search's own model is best-search.zip.
        Assert.Contains("Refit: trial ", result.Output);
        Assert.Equal(600, metrics.RootElement.GetProperty("trainImages").GetInt32());
        Assert.InRange(metrics.RootElement.GetProperty("microAccuracy").GetDouble(), 0.3, 1.0);
        Assert.NotEqual(Sha256(Path.Combine(output, "best-search.zip")), Sha256(Path.Combine(output, "best.zip")));
        using var bestTrial = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "best-trial.json")));
        var refit = bestTrial.RootElement.GetProperty("refit");
        Assert.True(refit.GetProperty("refit").GetBoolean());
        Assert.Equal(1, refit.GetProperty("epochs").GetInt32());
        Assert.Equal(600, refit.GetProperty("trainImages").GetInt32());
        Assert.Contains("refit on training + validation data (600 images)", File.ReadAllText(Path.Combine(output, "leaderboard.md")));
    }

    [Fact]
    public void Automl_FlipAndEnsemble_MeasuresEveryChoiceAndExportsTheMostAccurateFlippedOneAsOneServableModel()
    {
        var folder = TestPaths.NewTempFolder();
        var output = Path.Combine(folder, "out");
        var result = CtkProcess.Run("automl", SearchFile(folder), "--max-trials", "3", "--tuner", "random", "--pruner", "none", "--no-refit", "--tta",
            "--data-dir", TestPaths.FashionMnistSample, "--output", output);

        Assert.True(result.ExitCode == 0, result.Error + result.Output);
        Assert.Contains("Exported: ", result.Output);
        using var bestTrial = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "best-trial.json")));
        var choices = bestTrial.RootElement.GetProperty("choices").EnumerateArray().ToList();
        var exported = bestTrial.RootElement.GetProperty("exported");
        // Three single trials and the best one flip-averaged at least; --tta exports the most accurate flip-averaged one on validation.
        Assert.True(choices.Count >= 4, bestTrial.RootElement.ToString());
        Assert.Contains(choices, c => c.GetProperty("flip").GetBoolean() && c.GetProperty("trials").GetArrayLength() == 1);
        Assert.True(exported.GetProperty("flip").GetBoolean(), exported.ToString());
        Assert.Equal(choices.Where(c => c.GetProperty("flip").GetBoolean()).Max(c => c.GetProperty("validationAccuracy").GetDouble()),
            exported.GetProperty("validationAccuracy").GetDouble());
        Assert.All(choices, c => Assert.True(c.GetProperty("msPerImage").GetDouble() > 0));
        Assert.Contains("Models measured on validation", File.ReadAllText(Path.Combine(output, "leaderboard.md")));
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], File.ReadAllBytes(Path.Combine(output, "model_choices.png"))[..4]);

        // best.zip is the exported choice's model, served by plain ML.NET like any other.
        var chosenFile = Path.Combine(output, exported.GetProperty("file").GetString()!);
        Assert.All(choices, c => Assert.True(File.Exists(Path.Combine(output, c.GetProperty("file").GetString()!)), c.ToString()));
        Assert.Equal(Sha256(chosenFile), Sha256(Path.Combine(output, "best.zip")));
        var images = ClassifierToolkit.Data.PngExporter.Export(SampleData.Test.Take(20), Path.Combine(folder, "png"));
        using var engine = MlNetEngine.Load(Path.Combine(output, "best.zip"));
        using var classifier = ImageClassifier.Load(Path.Combine(output, "best.zip"));
        foreach (var image in images)
            Assert.Equal(classifier.Predict(image.ImagePath).PredictedLabel, engine.Predict(image.ImagePath).PredictedLabel);
    }

    [Fact]
    public void Automl_LatencyObjectiveBelowEveryModel_ExportsTheFastestSingleModel()
    {
        var folder = TestPaths.NewTempFolder();
        var output = Path.Combine(folder, "out");
        var result = CtkProcess.Run("automl", SearchFile(folder), "--max-trials", "2", "--tuner", "random", "--pruner", "none", "--no-refit",
            "--objective", "latency:0.000001", "--data-dir", TestPaths.FashionMnistSample, "--output", output);

        Assert.True(result.ExitCode == 0, result.Error + result.Output);
        using var bestTrial = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "best-trial.json")));
        var choices = bestTrial.RootElement.GetProperty("choices").EnumerateArray().ToList();
        var exported = bestTrial.RootElement.GetProperty("exported");
        // No ensemble fits the limit, so only the single trials are measured, and the fastest is exported.
        Assert.Equal(2, choices.Count);
        Assert.Equal(choices.Min(c => c.GetProperty("msPerImage").GetDouble()), exported.GetProperty("msPerImage").GetDouble());
        Assert.Contains("objective `latency:1E-06`", File.ReadAllText(Path.Combine(output, "leaderboard.md")));
    }

    [Theory]
    [InlineData("--objective", "fast", "latency:<ms>")]
    [InlineData("--ensemble", "many", "none, auto or a number")]
    public void Automl_BadSelectionOption_ExitsTwoSayingWhatIsExpected(string option, string value, string expected)
    {
        var folder = TestPaths.NewTempFolder();
        var result = CtkProcess.Run("automl", SearchFile(folder), "--max-trials", "1", option, value, "--output", Path.Combine(folder, "out"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expected, result.Error + result.Output);
        Assert.False(Directory.Exists(Path.Combine(folder, "out", "trials")));
    }

    private static string Sha256(string path) => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path)));

    [Fact]
    public void Automl_ExistingStudyWithoutResume_ExitsOneSayingHowToContinue()
    {
        var folder = TestPaths.NewTempFolder();
        // --no-refit: best.zip is the best trial's own model, as before refits.
        string[] args = ["automl", SearchFile(folder), "--max-trials", "1", "--data-dir", TestPaths.FashionMnistSample, "--output", Path.Combine(folder, "out"), "--no-refit"];
        var first = CtkProcess.Run(args);
        Assert.Equal(0, first.ExitCode);
        Assert.Contains("Not refit: it is turned off", first.Output);
        Assert.False(File.Exists(Path.Combine(folder, "out", "best-search.zip")));
        Assert.False(Directory.Exists(Path.Combine(folder, "out", "refit")));
        var again = CtkProcess.Run(args);
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("--resume", again.Error);
        var resumed = CtkProcess.Run([.. args[..3], "2", .. args[4..], "--resume"]);
        Assert.True(resumed.ExitCode == 0, resumed.Error);
        Assert.Contains("trial 2 started", resumed.Output);
        Assert.DoesNotContain("trial 1 started", resumed.Output);
    }

    [Fact]
    public void Automl_WarmStartFromAnEarlierRun_ImportsItsTrialThenTriesThePortfolioUnlessTurnedOff()
    {
        var folder = TestPaths.NewTempFolder();
        var search = File.ReadAllText(SearchFile(folder)).Replace("\"resnet8\"", "\"cnn-plus\"", StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(folder, "search.json"), search);
        string[] common = ["automl", Path.Combine(folder, "search.json"), "--max-trials", "1", "--tuner", "cfo", "--pruner", "none", "--no-refit",
            "--data-dir", TestPaths.FashionMnistSample];
        var first = CtkProcess.Run([.. common, "--output", Path.Combine(folder, "first"), "--no-portfolio"]);
        Assert.True(first.ExitCode == 0, first.Error + first.Output);
        Assert.DoesNotContain("portfolio:", first.Output);

        var second = CtkProcess.Run([.. common, "--output", Path.Combine(folder, "second"), "--warm-start", Path.Combine(folder, "first")]);

        Assert.True(second.ExitCode == 0, second.Error + second.Output);
        Assert.Contains("1 trial(s) finished earlier are kept", second.Output);
        Assert.Contains("trial 2 started", second.Output);
        Assert.Contains("portfolio: cnn-plus tuned", second.Output);
        Assert.DoesNotContain("trial 3 started", second.Output);
        var leaderboard = File.ReadAllText(Path.Combine(folder, "second", "leaderboard.csv"));
        Assert.Contains("imported from study 'tiny-search' trial 1", leaderboard);
        var missing = CtkProcess.Run([.. common, "--output", Path.Combine(folder, "third"), "--warm-start", Path.Combine(folder, "nowhere")]);
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("does not exist", missing.Error);
    }

    [SkippableFact]
    public async Task Workers_OnePostgresStudyOneKilledMidTrial_StudyCompletesKeepingEveryFinishedTrial()
    {
        var connection = Environment.GetEnvironmentVariable("CTK_TEST_POSTGRES");
        if (connection is null && Environment.GetEnvironmentVariable("CI") == "true")
            Assert.Fail("CTK_TEST_POSTGRES is not set: run build/postgres-test-server.sh start and export its output.");
        Skip.If(connection is null, "CTK_TEST_POSTGRES is not set (build/postgres-test-server.sh start prints it).");
        var folder = TestPaths.NewTempFolder();
        var study = "kill-" + Guid.NewGuid().ToString("N")[..8];
        // The coordinator creates the study and runs one worker itself; a second worker joins from another process.
        var coordinator = Start(["automl", SearchFile(folder, epochs: 2), "--storage", connection!, "--study", study, "--max-trials", "5", "--tuner", "random",
            "--pruner", "none", "--data-dir", TestPaths.FashionMnistSample, "--output", Path.Combine(folder, "coordinator")]);
        var coordinatorOutput = coordinator.StandardOutput.ReadToEndAsync();
        var coordinatorError = coordinator.StandardError.ReadToEndAsync();
        await using var store = await ExperimentStores.OpenAsync(connection, "unused.db");
        await WaitUntil(async () => await store.FindStudyAsync(study) is not null, TimeSpan.FromMinutes(2));
        var doomed = Start(["automl", "worker", "--storage", connection!, "--study", study, "--heartbeat-interval", "1", "--heartbeat-timeout", "4",
            "--data-dir", TestPaths.FashionMnistSample, "--output", Path.Combine(folder, "doomed")]);
        _ = doomed.StandardOutput.ReadToEndAsync();
        _ = doomed.StandardError.ReadToEndAsync();
        var doomedWorker = $"{Environment.MachineName}:{doomed.Id}";
        // Kill it with SIGKILL once it has reported an epoch of a trial (mid-trial: each trial has two).
        await WaitUntil(async () => (await store.GetTrialsAsync(study)).Any(t => t.Worker == doomedWorker && t.State == TrialState.Running && t.History.Count >= 1), TimeSpan.FromMinutes(3));
        var finishedBefore = (await store.GetTrialsAsync(study)).Where(t => t.IsFinished).ToList();
        doomed.Kill();
        await doomed.WaitForExitAsync();

        Assert.True(coordinator.WaitForExit(TimeSpan.FromMinutes(4)), "the search did not finish");
        Assert.True(coordinator.ExitCode == 0, await coordinatorOutput + await coordinatorError);
        var trials = await store.GetTrialsAsync(study);
        var lost = Assert.Single(trials, t => t.Worker == doomedWorker && t.State == TrialState.Lost && t.FailureReason == "worker lost");
        Assert.Contains(trials, t => t.RetryOf == lost.Number && t.State == TrialState.Complete);
        Assert.DoesNotContain(trials, t => t.State == TrialState.Running);
        foreach (var before in finishedBefore)
            Assert.Equal((before.State, before.Score), trials.Single(t => t.Number == before.Number) is var after ? (after.State, after.Score) : default);
        Assert.Equal(5, trials.Count);
        Assert.True(File.Exists(Path.Combine(folder, "coordinator", "best.zip")));
    }

    private static Process Start(string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "ctk.dll"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["CTK_CACHE_DIR"] = Path.Combine(TestPaths.NewTempFolder(), "cache");
        return Process.Start(start)!;
    }

    private static async Task WaitUntil(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > timeout) throw new TimeoutException($"condition not met within {timeout}");
            await Task.Delay(250);
        }
    }
}
