using System.IO.Compression;
using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using ClassifierToolkit.Build;
using ClassifierToolkit.Prediction;
using ClassifierToolkit.Tests.Support;

namespace ClassifierToolkit.Tests.Packaging;

/// <summary>
/// ctk installed from its package, not run from a clone: the tool package must carry everything ctk needs (libtorch, the
/// libstdc++ fix where this system needs it, the Fashion-MNIST sample, the toolkit packages ctk new copies).
/// </summary>
[Collection(ChildProcessTests.Name)]
public sealed class InstalledToolTests(InstalledToolFixture tool) : IClassFixture<InstalledToolFixture>
{
    [SkippableFact]
    public void Install_FromArtifacts_GivesCtkOfThePackedVersionCarryingItsServingPackages()
    {
        tool.AssertInstalled();

        var version = tool.Run(["--version"]);
        Assert.True(version.ExitCode == 0, version.Error);
        Assert.StartsWith(tool.Pack.Version + "+", version.Output.Trim());
        // ctk new copies these into a local feed beside the projects it writes: they must be the packed version.
        var bundled = Directory.GetFiles(tool.ToolPath, "*.nupkg", SearchOption.AllDirectories)
            .Where(file => Path.GetFileName(Path.GetDirectoryName(file)) == "packages").ToList();
        Assert.Equal(["ClassifierToolkit.Serving.nupkg", "ClassifierToolkit.nupkg"], bundled.Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.All(bundled, package => Assert.Equal(tool.Pack.Version, NuspecVersion(package)));
    }

    [SkippableFact]
    public void Doctor_InstalledTool_LoadsTorchSharpWithTheLibStdCxxFixWhereNeeded()
    {
        var doctor = tool.Run(["doctor"]);

        Assert.True(doctor.ExitCode == 0, doctor.Output + doctor.Error);
        Assert.Contains("works: computed with a tensor on the CPU", doctor.Output);
        // On Debian 12 / Ubuntu 22.04 (this project's machines) the package's copy must come patched: no build runs on install.
        if (OperatingSystem.IsLinux() && !ElfVersionNeedPatcher.SystemLibStdCxxHas(ElfVersionNeedPatcher.MissingVersion))
            Assert.Contains($"applied: the system libstdc++ lacks {ElfVersionNeedPatcher.MissingVersion}", doctor.Output);
    }

    [SkippableFact]
    public void Train_NoDataNoNetwork_TrainsOnTheSampleThePackageCarries()
    {
        var train = tool.Train;

        Assert.True(train.ExitCode == 0, train.Output + train.Error);
        Assert.Contains("WARNING: Fashion-MNIST sample", train.Output);
        // No other copy was within reach: the data folder was empty, the Debian copy and the mirror out of reach.
        Assert.Single(Directory.GetFiles(tool.ToolPath, "train-images-idx3-ubyte.gz", SearchOption.AllDirectories));
        Assert.True(File.Exists(tool.ModelPath), $"no model at {tool.ModelPath}");
    }

    [SkippableFact]
    public async Task Serve_TrainedModel_AnswersAnImageWithTheModelsPrediction()
    {
        Assert.True(tool.Train.ExitCode == 0, tool.Train.Output + tool.Train.Error);
        var image = tool.TestImage();
        using var classifier = ImageClassifier.Load(tool.ModelPath);
        var expected = classifier.Predict(ImageData.FromFile(image.ImagePath)).PredictedLabel;
        int port = HttpAppProcess.FreePort();

        using (var server = new HttpAppProcess(DotnetCommand.ProgramStartInfo(tool.Ctk, ["serve", tool.ModelPath, "--port", port.ToString(), "--host", "127.0.0.1"]),
                   port, "the installed ctk serve"))
        {
            var response = await server.Client.PostAsync("/predict", new ByteArrayContent(await File.ReadAllBytesAsync(image.ImagePath)));

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal(expected, body.GetProperty("predictedLabel").GetString());
        }
    }

    private static string NuspecVersion(string package)
    {
        using var zip = ZipFile.OpenRead(package);
        using var nuspec = zip.Entries.Single(entry => entry.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open();
        return XDocument.Load(nuspec).Descendants().Single(element => element.Name.LocalName == "version").Value;
    }
}
