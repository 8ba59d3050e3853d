using System.Text.Json;
using ClassifierToolkit.Tests.Support;

namespace ClassifierToolkit.Tests.Cli;

[Collection(ChildProcessTests.Name)]
public class CtkCommandTests(ShippedModelFixture model) : IClassFixture<ShippedModelFixture>
{
    [Fact]
    public void Train_SampleForOneEpoch_WritesModelMetricsReportAndPlots()
    {
        var folder = TestPaths.NewTempFolder();
        var result = CtkProcess.Run("train", Path.Combine(TestPaths.Pipelines, "fashion-mnist-cnn.json"), "--epochs", "1",
            "--data-dir", TestPaths.FashionMnistSample, "--test-limit", "300", "--output", Path.Combine(folder, "model.zip"), "--device", "cpu");

        Assert.True(result.ExitCode == 0, result.Error + result.Output);
        Assert.Contains("epoch 1:", result.Output);
        foreach (var file in new[] { "model.zip", "metrics.json", "report.md", "loss_curve.png", "confusion_matrix.png", "top-losses.png", "pipeline.json", "versions.json" })
            Assert.True(File.Exists(Path.Combine(folder, file)), $"{file} is missing");
        using var metrics = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "metrics.json")));
        var root = metrics.RootElement;
        foreach (var key in new[] { "microAccuracy", "macroAccuracy", "logLoss", "classes", "confusionMatrix", "parameters", "modelSizeBytes",
                     "trainingSeconds", "inferenceMsPerSample", "singleImageMs", "epochs" })
            Assert.True(root.TryGetProperty(key, out _), $"metrics.json lacks '{key}'");
        Assert.InRange(root.GetProperty("microAccuracy").GetDouble(), 0.5, 1.0);
        Assert.Equal(300, root.GetProperty("confusionMatrix").EnumerateArray().Sum(row => row.EnumerateArray().Sum(v => v.GetInt32())));
        var epoch = root.GetProperty("epochs")[0];
        foreach (var key in new[] { "epoch", "trainLoss", "valLoss", "valAccuracy", "seconds" })
            Assert.True(epoch.TryGetProperty(key, out _), $"epochs[0] lacks '{key}'");
        Assert.Equal(0x89, File.ReadAllBytes(Path.Combine(folder, "loss_curve.png"))[0]);
        // One epoch leaves mistakes: the worst are named by their index in the IDX test set (in-memory images have no file).
        var worst = root.GetProperty("topLosses")[0];
        Assert.Equal(JsonValueKind.Number, worst.GetProperty("index").ValueKind);
        Assert.False(worst.TryGetProperty("imagePath", out _));
        Assert.True(root.GetProperty("mostConfused").GetArrayLength() > 0);
        var trainReport = File.ReadAllText(Path.Combine(folder, "report.md"));
        Assert.Contains("## Most confused pairs", trainReport);
        Assert.Contains("| `test image #", trainReport);
        // The seed recipe leaves precision to auto: bf16 where this CPU computes it natively, fp32 elsewhere, and says so.
        var compute = root.GetProperty("compute");
        Assert.Equal(ClassifierToolkit.Hardware.CpuFeatures.ForLibTorch.HasNativeBf16 ? "bf16" : "fp32", compute.GetProperty("precision").GetString());
        Assert.Equal("channels-last", compute.GetProperty("memoryFormat").GetString());
        Assert.Contains("AVX2", compute.GetProperty("cpuFeatures").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal(0, compute.GetProperty("warnings").GetArrayLength());
        Assert.Contains("compute: ", result.Output);
    }

    [Fact]
    public void Train_Bf16OnACpuWithoutIt_RunsWarningOnceAndRecordsTheCpuAndPrecision()
    {
        // ONEDNN_MAX_CPU_ISA=AVX2 keeps libtorch to AVX2, so this is an AVX2-only CPU to ctk on any machine.
        var folder = TestPaths.NewTempFolder();
        var result = CtkProcess.Run(["train", Path.Combine(TestPaths.Pipelines, "fashion-mnist-cnn.json"), "--epochs", "1", "--train-limit", "160",
            "--data-dir", TestPaths.FashionMnistSample, "--test-limit", "50", "--output", Path.Combine(folder, "model.zip"), "--device", "cpu",
            "--set", "training.precision=bf16"], new() { ["ONEDNN_MAX_CPU_ISA"] = "AVX2" });

        Assert.True(result.ExitCode == 0, result.Error + result.Output);
        var all = result.Output + result.Error;
        Assert.Equal(1, all.Split("training.precision is bf16, but this CPU").Length - 1);
        using var metrics = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "metrics.json")));
        var compute = metrics.RootElement.GetProperty("compute");
        Assert.Equal("bf16", compute.GetProperty("precision").GetString());
        Assert.DoesNotContain("AVX-512 BF16", compute.GetProperty("cpuFeatures").EnumerateArray().Select(f => f.GetString()));
        Assert.Contains("AVX-512 BF16", compute.GetProperty("warnings")[0].GetString());
        var report = File.ReadAllText(Path.Combine(folder, "report.md"));
        Assert.Contains("## Compute", report);
        Assert.Contains("**Warning:** training.precision is bf16", report);
        // The model carries how it was trained: evaluating it later, anywhere, reports it too.
        var evaluation = Path.Combine(folder, "evaluation");
        var evaluate = CtkProcess.Run("evaluate", Path.Combine(folder, "model.zip"), "--data", "fashion-mnist", "--data-dir", TestPaths.FashionMnistSample,
            "--limit", "50", "--report-dir", evaluation);
        Assert.True(evaluate.ExitCode == 0, evaluate.Error + evaluate.Output);
        using var evaluated = JsonDocument.Parse(File.ReadAllText(Path.Combine(evaluation, "metrics.json")));
        Assert.Equal("bf16", evaluated.RootElement.GetProperty("compute").GetProperty("precision").GetString());
    }

    [Fact]
    public void Predict_SavedModel_PrintsTopClasses()
    {
        var file = model.TestFiles[0];
        var result = CtkProcess.Run("predict", model.ModelPath, file.ImagePath, "--top", "2");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains(Path.GetFileName(file.ImagePath), result.Output);
        Assert.Contains("%", result.Output);
    }

    [Fact]
    public void Evaluate_ImageFolder_PrintsAccuracy()
    {
        var result = CtkProcess.Run("evaluate", model.ModelPath, "--data", Path.Combine(model.Folder, "png"));
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("test accuracy", result.Output);
    }

    [Fact]
    public void Evaluate_FashionMnistTwice_ExportsTheTestImagesOnceIntoTheCache()
    {
        var cache = TestPaths.NewTempFolder();
        string[] args = ["evaluate", model.ModelPath, "--data", "fashion-mnist", "--limit", "60", "--data-dir", TestPaths.FashionMnistSample];
        var first = CtkProcess.Run(args, new() { ["CTK_CACHE_DIR"] = cache });
        Assert.True(first.ExitCode == 0, first.Error);
        var files = Directory.GetFiles(cache, "*.png", SearchOption.AllDirectories);
        Assert.Equal(60, files.Length);
        var written = files.Select(File.GetLastWriteTimeUtc).ToList();

        var second = CtkProcess.Run(args, new() { ["CTK_CACHE_DIR"] = cache });

        Assert.True(second.ExitCode == 0, second.Error);
        Assert.Contains("test accuracy", second.Output);
        Assert.Equal(written, files.Select(File.GetLastWriteTimeUtc));
    }

    [Fact]
    public void DataExportImages_WritesPngsInSafeClassFolders()
    {
        var folder = TestPaths.NewTempFolder();
        var result = CtkProcess.Run("data", "export-images", "fashion-mnist", folder, "--split", "train", "--limit", "40", "--data-dir", TestPaths.FashionMnistSample);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(40, Directory.GetFiles(folder, "*.png", SearchOption.AllDirectories).Length);
        Assert.True(Directory.Exists(Path.Combine(folder, "T-shirt_top")));
    }

    [Fact]
    public void Models_ListsTheSeedCnnWithItsParameterCount()
    {
        var result = CtkProcess.Run("models");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("cnn", result.Output);
        Assert.Contains("421,642", result.Output);
    }

    [Fact]
    public void Models_ShowsAliasesAndThePreferredInput()
    {
        var result = CtkProcess.Run("models");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("resnet8-cifar (alias: resnet8)", result.Output);
        Assert.Contains("resnet20-cifar (alias: resnet20)", result.Output);
        var resnet50 = result.Output.Split('\n').Single(line => line.Contains("│ resnet50 ", StringComparison.Ordinal));
        Assert.Contains("224×224, RGB, mean 0.485/0.456/0.406, std 0.229/0.224/0.225", resnet50);
        Assert.Contains("Pretrained weights built in:", result.Output);
        var cnn = result.Output.Split('\n').Single(line => line.Contains("│ cnn ", StringComparison.Ordinal));
        Assert.Contains("│ any ", cnn);
    }

    [Theory]
    [InlineData(2, "train")]
    [InlineData(2, "train", "p.json", "--epochs", "many")]
    [InlineData(2, "frobnicate")]
    [InlineData(1, "train", "/no/such/pipeline.json")]
    [InlineData(1, "predict", "/no/such/model.zip", "x.png")]
    public void BadInvocation_OneClearLineNoStackTrace(int exitCode, params string[] args)
    {
        var result = CtkProcess.Run(args);
        Assert.Equal(exitCode, result.ExitCode);
        Assert.StartsWith("error:", result.Error.TrimStart());
        Assert.DoesNotContain("   at ", result.Error);
    }

    [Fact]
    public void Predict_CorruptImage_ExitsOneWithTheFileName()
    {
        var path = Path.Combine(TestPaths.NewTempFolder(), "corrupt.jpg");
        File.WriteAllText(path, "this is not a jpeg");
        var result = CtkProcess.Run("predict", model.ModelPath, path);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("corrupt.jpg", result.Error);
        Assert.DoesNotContain("   at ", result.Error);
    }

    [Fact]
    public void Train_BadPipelineKey_ExitsOneNamingTheKey()
    {
        var path = Path.Combine(TestPaths.NewTempFolder(), "bad.json");
        File.WriteAllText(path, """{ "version": 1, "training": { "optimiser": "adam" } }""");
        var result = CtkProcess.Run("train", path);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("$.training.optimiser", result.Error);
        Assert.Contains("optimizer", result.Error);
    }

    [Fact]
    public void Compare_TwoPipelines_WritesTableCurvesAndOneRunEach()
    {
        var folder = TestPaths.NewTempFolder();
        var leaky = Path.Combine(folder, "leaky.json");
        File.WriteAllText(leaky, """{ "version": 1, "name": "cnn-leaky", "input": { "mean": [0.5], "std": [0.5] }, "model": { "name": "cnn", "activation": "leaky_relu" } }""");
        var result = CtkProcess.Run("compare", Path.Combine(TestPaths.Pipelines, "fashion-mnist-cnn.json"), leaky, "--epochs", "1",
            "--train-limit", "600", "--test-limit", "200", "--data-dir", TestPaths.FashionMnistSample, "--output-dir", folder);

        Assert.True(result.ExitCode == 0, result.Error + result.Output);
        var report = File.ReadAllText(Path.Combine(folder, "comparison.md"));
        Assert.Contains("| fashion-mnist-cnn | 421,642 |", report);
        Assert.Contains("| cnn-leaky | 421,642 |", report);
        Assert.True(File.Exists(Path.Combine(folder, "comparison_loss_curves.png")));
        Assert.True(File.Exists(Path.Combine(folder, "cnn-leaky", "model.zip")));
        Assert.Contains("test acc", result.Output);

        var again = CtkProcess.Run("compare", Path.Combine(TestPaths.Pipelines, "fashion-mnist-cnn.json"), leaky, "--epochs", "1",
            "--train-limit", "600", "--test-limit", "200", "--data-dir", TestPaths.FashionMnistSample, "--output-dir", folder, "--reuse-runs");
        Assert.True(again.ExitCode == 0, again.Error);
        Assert.Equal(2, again.Output.Split("reusing the finished run").Length - 1);
        Assert.Equal(report, File.ReadAllText(Path.Combine(folder, "comparison.md")));
    }

    [Fact]
    public void TrainResume_KilledRunFolder_ContinuesFromTheCheckpoint()
    {
        var folder = TestPaths.NewTempFolder();
        var pipeline = Path.Combine(folder, "p.json");
        File.WriteAllText(pipeline, """{ "version": 1, "name": "resumable", "data": { "trainLimit": 600, "testLimit": 100 }, "training": { "epochs": 1, "checkpointEvery": 1 } }""");
        var run = Path.Combine(folder, "run");
        var first = CtkProcess.Run("train", pipeline, "--data-dir", TestPaths.FashionMnistSample, "--output", Path.Combine(run, "model.zip"));
        Assert.True(first.ExitCode == 0, first.Error);

        var resumed = CtkProcess.Run("train", "--resume", run, "--epochs", "2");

        Assert.True(resumed.ExitCode == 0, resumed.Error + resumed.Output);
        Assert.DoesNotContain("epoch 1:", resumed.Output);
        Assert.Contains("epoch 2:", resumed.Output);
        using var metrics = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "metrics.json")));
        Assert.Equal(2, metrics.RootElement.GetProperty("epochs").GetArrayLength());
    }

    [SkippableFact]
    public void Train_Interrupted_StopsCleanlyAndSavesNothing()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "Sends SIGINT with kill(1) and restores its default handling with GNU env.");
        var folder = TestPaths.NewTempFolder();
        // A test run started in the background by a non-interactive shell (as CI may be) ignores SIGINT, children inherit
        // that, and .NET then leaves SIGINT ignored: ctk would train on. env resets it to the default, as a terminal has it.
        var start = new System.Diagnostics.ProcessStartInfo("env") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "--default-signal=INT", "dotnet", Path.Combine(AppContext.BaseDirectory, "ctk.dll"), "train", Path.Combine(TestPaths.Pipelines, "fashion-mnist-cnn.json"),
                     "--epochs", "100", "--data-dir", TestPaths.FashionMnistSample, "--output", Path.Combine(folder, "model.zip") })
            start.ArgumentList.Add(arg);
        using var process = System.Diagnostics.Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        string? line;
        while ((line = process.StandardOutput.ReadLine()) is not null && !line.StartsWith("epoch 1:", StringComparison.Ordinal)) { }
        Assert.NotNull(line);
        System.Diagnostics.Process.Start("kill", ["-INT", process.Id.ToString()])!.WaitForExit();
        process.StandardOutput.ReadToEnd();

        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(30)), "ctk did not stop within 30 s of SIGINT");
        Assert.Equal(1, process.ExitCode);
        Assert.Contains("cancelled", error.Result);
        Assert.False(File.Exists(Path.Combine(folder, "model.zip")));
    }
}
