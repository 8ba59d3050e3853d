using System.IO.Compression;
using System.Xml.Linq;

namespace ClassifierToolkit.Cli.New;

/// <summary>
/// The toolkit's own packages as ctk carries them: <c>packages/ClassifierToolkit.nupkg</c> and
/// <c>packages/ClassifierToolkit.Serving.nupkg</c> beside ctk.dll (BundledPackages.targets packs them with every build of
/// ctk, so an installed tool has them too). The generated web project references ClassifierToolkit.Serving at their
/// version and restores it from a copy of them beside the solution, so it builds where no feed has the package.
/// </summary>
internal static class BundledPackages
{
    /// <summary>The package the web project references; it brings the core with it.</summary>
    public const string ServingId = "ClassifierToolkit.Serving";

    private static readonly string[] Ids = ["ClassifierToolkit", ServingId];

    private static readonly Lazy<IReadOnlyList<Package>> Packages = new(Read);

    /// <summary>The version of the packages ctk carries (one for both: they are packed together).</summary>
    /// <exception cref="InvalidOperationException">ctk carries no such packages, or they do not agree.</exception>
    public static string Version => Packages.Value[0].Version;

    /// <summary>Copies the packages into <paramref name="feedFolder"/> (created if missing) under the names a NuGet folder
    /// feed expects, <c>&lt;id&gt;.&lt;version&gt;.nupkg</c>; returns the files written.</summary>
    /// <exception cref="InvalidOperationException">ctk carries no such packages, or they do not agree.</exception>
    public static IReadOnlyList<string> CopyTo(string feedFolder)
    {
        Directory.CreateDirectory(feedFolder);
        return [.. Packages.Value.Select(package =>
        {
            var target = Path.Combine(feedFolder, $"{package.Id}.{package.Version}.nupkg");
            File.Copy(package.Path, target, overwrite: true);
            return target;
        })];
    }

    private static IReadOnlyList<Package> Read()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "packages");
        var packages = Ids.Select(id => new Package(id, Path.Combine(folder, id + ".nupkg"), VersionIn(id, Path.Combine(folder, id + ".nupkg")))).ToList();
        if (packages.Select(package => package.Version).Distinct().Count() > 1)
            throw new InvalidOperationException($"ctk's packages in '{folder}' are of different versions ({string.Join(", ", packages.Select(p => $"{p.Id} {p.Version}"))}); " +
                "they are packed together, so this ctk was assembled by hand: rebuild it (dotnet build src/ClassifierToolkit.Cli) or reinstall the tool.");
        return packages;
    }

    // The version inside the package (its .nuspec), not in the file name: ctk's copies have fixed names.
    private static string VersionIn(string id, string path)
    {
        if (!File.Exists(path))
            throw new InvalidOperationException($"ctk carries no {id} package at '{path}', and the generated web project restores it from there. " +
                "Build ctk with 'dotnet build' or 'dotnet pack' (BundledPackages.targets packs it beside ctk.dll), or reinstall the tool.");
        using var zip = ZipFile.OpenRead(path);
        var nuspec = zip.Entries.FirstOrDefault(entry => entry.FullName == id + ".nuspec")
            ?? throw new InvalidOperationException($"'{path}' is not a {id} package: it has no {id}.nuspec. Rebuild ctk or reinstall the tool.");
        using var stream = nuspec.Open();
        var version = XDocument.Load(stream).Descendants().FirstOrDefault(element => element.Name.LocalName == "version")?.Value;
        return string.IsNullOrWhiteSpace(version)
            ? throw new InvalidOperationException($"'{path}' names no version in its {id}.nuspec. Rebuild ctk or reinstall the tool.")
            : version.Trim();
    }

    private sealed record Package(string Id, string Path, string Version);
}
