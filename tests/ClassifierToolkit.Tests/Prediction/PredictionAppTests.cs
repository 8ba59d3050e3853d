using System.Diagnostics;
using ClassifierToolkit.Tests.Support;

namespace ClassifierToolkit.Tests.Prediction;

/// <summary>The consumer sample (plain ML.NET packages, no TorchSharp) serves a toolkit model.</summary>
[Collection(ChildProcessTests.Name)]
public class PredictionAppTests(ShippedModelFixture model) : IClassFixture<ShippedModelFixture>
{
    [Fact]
    public void PredictionApp_WithoutTorchSharp_PredictsLikeTheToolkit()
    {
        var appFolder = SampleProject.Build("PredictionApp");
        var deps = File.ReadAllText(Path.Combine(appFolder, "PredictionApp.deps.json"));
        Assert.DoesNotContain("TorchSharp", deps);
        Assert.DoesNotContain("ClassifierToolkit", deps);
        Assert.Empty(Directory.GetFiles(appFolder, "*Torch*", SearchOption.AllDirectories));

        var files = model.TestFiles.Take(5).ToList();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(appFolder, "PredictionApp.dll"));
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
