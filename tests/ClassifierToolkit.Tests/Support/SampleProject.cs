using System.Diagnostics;

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
        var build = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "build", Path.Combine(TestPaths.RepoRoot, "samples", name), "-c", Configuration, "-nologo", "-v", "quiet" })
            build.ArgumentList.Add(arg);
        using var process = Process.Start(build)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(5)), $"building samples/{name} took over 5 minutes");
        Assert.True(process.ExitCode == 0, output.Result + error);
        return Path.Combine(TestPaths.RepoRoot, "samples", name, "bin", Configuration, "net10.0");
    }
}
