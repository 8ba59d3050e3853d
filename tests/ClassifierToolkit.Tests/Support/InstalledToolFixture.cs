using ClassifierToolkit.Data;

namespace ClassifierToolkit.Tests.Support;

/// <summary>
/// ctk as a user gets it: installed with <c>dotnet tool install</c> from the packages in <c>artifacts/</c> into a tool path
/// of its own (once per run), and a model trained by it on the sample its package carries, with neither Fashion-MNIST
/// nor a network (trained on first use).
/// </summary>
public sealed class InstalledToolFixture : IDisposable
{
    private readonly string _folder = TestPaths.NewTempFolder();
    private readonly Lazy<DotnetCommand.Result> _install;
    private readonly Lazy<DotnetCommand.Result> _train;

    public InstalledToolFixture()
    {
        _install = new(() =>
        {
            Pack.ForgetCachedPackages();
            return DotnetCommand.Run(["tool", "install", "ClassifierToolkit.Cli", "--version", Pack.Version, "--tool-path", ToolPath,
                "--add-source", Pack.Folder], TimeSpan.FromMinutes(5));
        });
        _train = new(() => Run(["train", Path.Combine(TestPaths.Pipelines, "fashion-mnist-cnn.json"), "--epochs", "1", "--train-limit", "600",
            "--test-limit", "100", "--output", ModelPath, "--device", "cpu"], CtkProcess.NoDataNoNetwork(_folder)));
    }

    internal PackedArtifacts Pack => PackedArtifacts.Require();
    public string ToolPath => Path.Combine(_folder, "tools");
    /// <summary>The command the install put on the tool path, as a user runs it.</summary>
    public string Ctk => Path.Combine(ToolPath, OperatingSystem.IsWindows() ? "ctk.exe" : "ctk");
    public string ModelPath => Path.Combine(_folder, "run", "model.zip");

    /// <summary>The install's output; skips (or, in CI, fails) without a pack of this commit.</summary>
    internal DotnetCommand.Result Install
    {
        get
        {
            _ = Pack;
            return _install.Value;
        }
    }

    /// <summary>The training run's output, after a successful install.</summary>
    internal DotnetCommand.Result Train
    {
        get
        {
            AssertInstalled();
            return _train.Value;
        }
    }

    public void AssertInstalled() => Assert.True(Install.ExitCode == 0, $"dotnet tool install failed:\n{Install.Output}{Install.Error}");

    /// <summary>Runs the installed ctk with the tests' environment (<see cref="CtkProcess.Settings"/>) and <paramref name="environment"/>.</summary>
    internal DotnetCommand.Result Run(string[] args, Dictionary<string, string>? environment = null)
    {
        AssertInstalled();
        return DotnetCommand.Run(DotnetCommand.ProgramStartInfo(Ctk, args), TimeSpan.FromMinutes(3), CtkProcess.Settings(environment ?? []));
    }

    /// <summary>A sample test image as a PNG file, with its label.</summary>
    public ImageFile TestImage() => PngExporter.Export(SampleData.Test.Take(1), Path.Combine(TestPaths.NewTempFolder(), "png"))[0];

    // The install is about 1 GB (libtorch): gone as soon as the class is done, not at the end of the run.
    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
