namespace ClassifierToolkit.Tests.Support;

/// <summary>A project under <c>samples/</c>, built by the tests themselves: `dotnet test` builds only test projects and their
/// references, and a stale binary from an earlier checkout must not pass for the current code (an up-to-date build is quick).</summary>
internal static class SampleProject
{
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    /// <summary>Builds <c>samples/<paramref name="name"/></c> and returns its output folder.</summary>
    public static string Build(string name)
    {
        var build = DotnetCommand.Run(["build", Path.Combine(TestPaths.RepoRoot, "samples", name), "-c", Configuration, "-nologo", "-v", "quiet"], TimeSpan.FromMinutes(5));
        Assert.True(build.ExitCode == 0, build.Output + build.Error);
        return Path.Combine(TestPaths.RepoRoot, "samples", name, "bin", Configuration, "net10.0");
    }
}
