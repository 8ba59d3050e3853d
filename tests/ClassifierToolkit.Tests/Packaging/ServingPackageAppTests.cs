using ClassifierToolkit.Data;
using ClassifierToolkit.Prediction;
using ClassifierToolkit.Tests.Support;

namespace ClassifierToolkit.Tests.Packaging;

/// <summary>
/// An app of a user's own, made with <c>dotnet new console</c> and <c>dotnet add package ClassifierToolkit.Serving</c>
/// from the packed feed (beside the sources this machine's NuGet config has), serving the shipped model: it predicts
/// what the toolkit predicts and carries no TorchSharp, plotting library or experiment store. The package's HTTP API
/// (<c>MapImageClassifier</c>) comes from ASP.NET Core's shared framework, so even a console app that uses only the pool
/// runs on it (installed with the .NET SDK or the ASP.NET Core runtime; nothing of it is copied into the app).
/// </summary>
[Collection(ChildProcessTests.Name)]
public sealed class ServingPackageAppTests : IDisposable
{
    private const string Program = """
        using ClassifierToolkit.Serving;

        // dotnet run -- <model.zip> <image>
        using var pool = new ImageClassifierPool();
        pool.Add("model", args[0]);
        var prediction = pool.Predict("model", args[1]);
        Console.WriteLine($"{prediction.PredictedLabel}\t{prediction.Top(1)[0].Probability:F4}");
        """;

    private readonly string _folder = TestPaths.NewTempFolder();

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [SkippableFact]
    public void AddPackage_ConsoleApp_PredictsTheShippedModelWithoutTorchSharpPlotsOrStores()
    {
        var pack = PackedArtifacts.Require();
        pack.ForgetCachedPackages();
        var app = Path.Combine(_folder, "app");
        Step(["new", "console", "--output", app, "--name", "ServingApp"]);
        // The packed feed is added to, not put in place of, the sources this machine's NuGet config has (nuget.org or its mirror).
        File.WriteAllText(Path.Combine(app, "nuget.config"), $"""
            <configuration>
              <packageSources>
                <add key="classifier-toolkit-artifacts" value="{pack.Folder}" />
              </packageSources>
            </configuration>
            """);
        Step(["add", app, "package", "ClassifierToolkit.Serving", "--version", pack.Version]);
        File.WriteAllText(Path.Combine(app, "Program.cs"), Program);
        Step(["build", app, "-c", "Release", "-nologo"]);

        var model = Path.Combine(TestPaths.RepoRoot, "models", "fashion-mnist-cnn.zip");
        var image = PngExporter.Export(SampleData.Test.Take(1), Path.Combine(_folder, "png"))[0].ImagePath;
        var bin = Path.Combine(app, "bin", "Release", "net10.0");
        var run = DotnetCommand.Run([Path.Combine(bin, "ServingApp.dll"), model, image], TimeSpan.FromMinutes(1));

        Assert.True(run.ExitCode == 0, run.Output + run.Error);
        using var toolkit = ImageClassifier.Load(model);
        Assert.StartsWith(toolkit.Predict(ImageData.FromFile(image)).PredictedLabel + "\t", run.Output);
        // What a serving app must not carry: TorchSharp and libtorch, the plotting of reports, the experiment stores.
        foreach (var unwanted in new[] { "*Torch*", "libtorch*", "OxyPlot*", "*HarfBuzz*", "*Sqlite*", "*sqlite3*", "Npgsql*" })
            Assert.Empty(Directory.GetFiles(bin, unwanted, SearchOption.AllDirectories));
        Assert.Contains(Path.Combine(bin, "ClassifierToolkit.Serving.dll"), Directory.GetFiles(bin));
        Assert.Contains("\"Microsoft.AspNetCore.App\"", File.ReadAllText(Path.Combine(bin, "ServingApp.runtimeconfig.json")));
        Assert.Empty(Directory.GetFiles(bin, "Microsoft.AspNetCore.*", SearchOption.AllDirectories));
    }

    private static void Step(string[] args)
    {
        var result = DotnetCommand.Run(args, TimeSpan.FromMinutes(5));
        Assert.True(result.ExitCode == 0, $"dotnet {string.Join(' ', args)} failed:\n{result.Output}{result.Error}");
    }
}
