using System.Text.Json;

namespace ClassifierToolkit.Tests.Support;

/// <summary>
/// The packages <c>build/pack.sh</c> wrote into <c>artifacts/</c>, for the tests of what a user installs. Packing takes
/// a Release build and about 40 s of compressing libtorch, so the tests use that pack instead of making their own: CI
/// packs before it tests (<c>.ci/run</c>), and there a missing or stale pack fails; elsewhere the tests are skipped,
/// saying how to pack.
/// </summary>
internal sealed record PackedArtifacts(string Folder, string Version)
{
    private static readonly Lazy<(PackedArtifacts? Pack, string? Problem)> Found = new(Find);

    /// <summary>The pack, once made from the commit the tests run at; skips the test (fails it in CI) otherwise.</summary>
    public static PackedArtifacts Require()
    {
        var (pack, problem) = Found.Value;
        if (pack is not null) return pack;
        var message = $"These tests install what build/pack.sh packs, but {problem}: run build/pack.sh first.";
        if (Environment.GetEnvironmentVariable("CI") == "true") Assert.Fail(message + " (CI packs before it tests: see .ci/run.)");
        Skip.If(true, message);
        throw new InvalidOperationException("unreachable");
    }

    /// <summary>Removes this version of the toolkit's packages from the NuGet cache, so what is installed next comes from
    /// this pack, not from an earlier pack of the same version.</summary>
    public void ForgetCachedPackages()
    {
        var cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        if (!Directory.Exists(cache)) return;
        foreach (var package in Directory.EnumerateDirectories(cache, "classifiertoolkit*"))
        {
            var version = Path.Combine(package, Version.ToLowerInvariant());
            if (Directory.Exists(version)) Directory.Delete(version, recursive: true);
        }
    }

    private static (PackedArtifacts?, string?) Find()
    {
        var folder = Path.Combine(TestPaths.RepoRoot, "artifacts");
        var manifest = Path.Combine(folder, "pack.json");
        if (!File.Exists(manifest)) return (null, $"there is no {manifest}");
        using var json = JsonDocument.Parse(File.ReadAllText(manifest));
        var version = json.RootElement.GetProperty("version").GetString()!;
        var packed = json.RootElement.GetProperty("commit").GetString()!;
        var head = DotnetCommand.Run(DotnetCommand.ProgramStartInfo("git", ["-C", TestPaths.RepoRoot, "rev-parse", "HEAD"]), TimeSpan.FromSeconds(30)).Output.Trim();
        return packed == head
            ? (new PackedArtifacts(folder, version), null)
            : (null, $"artifacts/ holds a pack of commit {packed}, and the tests run at {head}");
    }
}
