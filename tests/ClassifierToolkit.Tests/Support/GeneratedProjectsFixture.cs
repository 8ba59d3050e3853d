using ClassifierToolkit.Cli.New;
using ClassifierToolkit.Data;

namespace ClassifierToolkit.Tests.Support;

/// <summary>
/// The projects <c>ctk new</c> generates for the shipped model, written to a temp folder and built once (a restore and two
/// builds are most of the time these tests take), a few sample images as PNG files, and the generated web API, started
/// when a test first needs it.
/// </summary>
public sealed class GeneratedProjectsFixture : IDisposable
{
    public const string RequestedName = "fashion demo";

    private readonly Lazy<HttpAppProcess> _webApi;

    public GeneratedProjectsFixture()
    {
        Folder = TestPaths.NewTempFolder();
        Projects = ConsumerProjects.Write(new ConsumerProjectOptions { Name = RequestedName, ModelPath = ModelPath, OutputFolder = Path.Combine(Folder, "projects") });
        // -warnaserror: the generated projects must build without a single warning, as the user first sees them. Except NU1603:
        // this machine's package mirror lacks some exact lower bounds of ML.NET's dependencies (as the repository's NoWarn says).
        Build = DotnetCommand.Run(["build", Projects.SolutionPath, "-c", "Debug", "-nologo", "-nodeReuse:false", "-warnaserror", "-warnnotaserror:NU1603"],
            TimeSpan.FromMinutes(5));
        Images = PngExporter.Export(SampleData.Test.Take(6), Path.Combine(Folder, "png"));
        _webApi = new(() =>
        {
            int port = HttpAppProcess.FreePort();
            return new HttpAppProcess(DotnetCommand.StartInfo([AppPath(Projects.WebApiProjectPath), "--urls", $"http://127.0.0.1:{port}"]), port, "the generated web API");
        });
    }

    public static string ModelPath => Path.Combine(TestPaths.RepoRoot, "models", "fashion-mnist-cnn.zip");

    public string Folder { get; }
    internal GeneratedProjects Projects { get; }
    internal DotnetCommand.Result Build { get; }
    public IReadOnlyList<ImageFile> Images { get; }

    /// <summary>The generated web API, running (started on first use).</summary>
    internal HttpAppProcess WebApi
    {
        get
        {
            AssertBuilt();
            return _webApi.Value;
        }
    }

    /// <summary>Fails the test with the build's output if the generated solution did not build.</summary>
    public void AssertBuilt() => Assert.True(Build.ExitCode == 0, $"the generated solution did not build:\n{Build.Output}{Build.Error}");

    /// <summary>The built app's folder for a generated <c>.csproj</c>.</summary>
    public static string OutputFolder(string projectPath) => Path.Combine(Path.GetDirectoryName(projectPath)!, "bin", "Debug", "net10.0");

    /// <summary>The built app's <c>.dll</c> for a generated <c>.csproj</c>.</summary>
    public static string AppPath(string projectPath) => Path.Combine(OutputFolder(projectPath), Path.GetFileNameWithoutExtension(projectPath) + ".dll");

    public void Dispose()
    {
        if (_webApi.IsValueCreated) _webApi.Value.Dispose();
        Directory.Delete(Folder, recursive: true);
    }
}
