namespace ClassifierToolkit.Tests.Support;

/// <summary>Where the repository and its test data are, found from the test binary's folder.</summary>
internal static class TestPaths
{
    public static string RepoRoot { get; } = FindRepoRoot();

    public static string FashionMnistSample => Path.Combine(RepoRoot, "data", "fashion-mnist-sample");

    public static string Pipelines => Path.Combine(RepoRoot, "pipelines");

    public static string NewTempFolder()
    {
        var folder = Path.Combine(TestTempFolder.Root, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ClassifierToolkit.sln"))) return dir.FullName;
        throw new InvalidOperationException("Could not find ClassifierToolkit.sln above " + AppContext.BaseDirectory);
    }
}
