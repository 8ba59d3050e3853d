using System.Diagnostics;
using ClassifierToolkit.Tests.Support;

namespace ClassifierToolkit.Tests.Prediction;

/// <summary>The consumer sample (plain ML.NET packages, no TorchSharp) serves a toolkit model.</summary>
public class PredictionAppTests(TrainedModelFixture model) : IClassFixture<TrainedModelFixture>
{
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    private static void BuildSample()
    {
        var build = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "build", Path.Combine(TestPaths.RepoRoot, "samples", "PredictionApp"), "-c", Configuration, "-nologo", "-v", "quiet" })
            build.ArgumentList.Add(arg);
        using var process = Process.Start(build)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(5)), "building the sample took over 5 minutes");
        Assert.True(process.ExitCode == 0, output.Result + error);
    }

    private static string AppFolder => Path.Combine(TestPaths.RepoRoot, "samples", "PredictionApp", "bin", Configuration, "net10.0");

    [Fact]
    public void PredictionApp_WithoutTorchSharp_PredictsLikeTheToolkit()
    {
        // `dotnet test` builds only test projects and their references; build the sample every time so a stale binary
        // from an earlier checkout cannot pass for the current code (an up-to-date build is incremental and quick).
        BuildSample();
        var deps = File.ReadAllText(Path.Combine(AppFolder, "PredictionApp.deps.json"));
        Assert.DoesNotContain("TorchSharp", deps);
        Assert.DoesNotContain("ClassifierToolkit", deps);
        Assert.Empty(Directory.GetFiles(AppFolder, "*Torch*", SearchOption.AllDirectories));

        var files = model.TestFiles.Take(5).ToList();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppFolder, "PredictionApp.dll"));
        start.ArgumentList.Add(model.ModelPath);
        foreach (var file in files) start.ArgumentList.Add(file.ImagePath);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(2)));
        Assert.True(process.ExitCode == 0, error);

        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var classifier = ClassifierToolkit.Prediction.ImageClassifier.Load(model.ModelPath);
        Assert.Equal(files.Count, lines.Length);
        for (int i = 0; i < files.Count; i++)
            Assert.Equal(classifier.Predict(files[i].ImagePath).PredictedLabel, lines[i].Split('\t')[1]);
    }
}
