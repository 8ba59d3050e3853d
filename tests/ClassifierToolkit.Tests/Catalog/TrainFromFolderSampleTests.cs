using System.Diagnostics;
using System.Globalization;
using ClassifierToolkit.Data;
using ClassifierToolkit.Prediction;
using ClassifierToolkit.Tests.Support;

namespace ClassifierToolkit.Tests.Catalog;

/// <summary>samples/TrainFromFolder (the README's "Training from C#" example) trains on an image folder, saves and predicts.</summary>
[Collection(ChildProcessTests.Name)]
public class TrainFromFolderSampleTests
{
    private static readonly string[] Classes = ["Trouser", "Bag", "Sneaker"];

    [Fact]
    public async Task TrainFromFolder_ThreeClassFolder_LearnsAndSavesAModelThatPredictsThem()
    {
        var appFolder = SampleProject.Build("TrainFromFolder");
        var work = TestPaths.NewTempFolder();
        try
        {
            var images = Path.Combine(work, "images");
            PngExporter.Export(SampleData.Train.Take(1500), images);
            foreach (var other in Directory.GetDirectories(images).Where(d => !Classes.Contains(Path.GetFileName(d))))
                Directory.Delete(other, recursive: true);

            var run = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = work };
            foreach (var arg in new[] { Path.Combine(appFolder, "TrainFromFolder.dll"), images, "8" }) run.ArgumentList.Add(arg);
            using var process = Process.Start(run)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = await process.StandardError.ReadToEndAsync();
            Assert.True(process.WaitForExit(TimeSpan.FromMinutes(5)), "the sample ran over 5 minutes");
            Assert.True(process.ExitCode == 0, await output + error);

            var lines = (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            var accuracy = double.Parse(lines.Single(l => l.StartsWith("accuracy ")).Split(' ')[1], CultureInfo.InvariantCulture);
            Assert.True(accuracy > 0.6, $"accuracy {accuracy} on three classes (chance is 0.33)");
            using var saved = ImageClassifier.Load(Path.Combine(work, "model.zip"));
            Assert.Equal(Classes.Order(StringComparer.Ordinal), saved.ClassNames);
            Assert.Contains(lines, l => Classes.Any(c => l.Contains($": {c} (")));
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }
}
