using System.Reflection;
using System.Xml.Linq;

namespace ClassifierToolkit.Cli.New;

/// <summary>
/// The toolkit's own package versions, from its <c>Directory.Packages.props</c> (embedded into ctk when it is built), so that
/// generated projects use the very versions the toolkit was built and tested with and there is one definition of each.
/// </summary>
internal static class PackageVersions
{
    private const string ResourceName = "ctk-toolkit-Directory.Packages.props";

    private static readonly Lazy<IReadOnlyDictionary<string, string>> Versions = new(Read);

    /// <summary>The version the toolkit pins for <paramref name="packageId"/>.</summary>
    /// <exception cref="InvalidOperationException">The toolkit pins no version of it (a template asks for a package the toolkit does not use).</exception>
    public static string Of(string packageId) => Versions.Value.TryGetValue(packageId, out var version) ? version
        : throw new InvalidOperationException($"The toolkit's Directory.Packages.props has no version of '{packageId}'; its packages: {string.Join(", ", Versions.Value.Keys.Order())}.");

    // Entries whose name or version is an MSBuild property (the LibTorch package) are left out: only MSBuild can evaluate them.
    private static IReadOnlyDictionary<string, string> Read()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"ctk was built without its {ResourceName} resource.");
        return XDocument.Load(stream).Descendants("PackageVersion")
            .Select(entry => (Id: (string?)entry.Attribute("Include"), Version: (string?)entry.Attribute("Version")))
            .Where(entry => entry is { Id: not null, Version: not null } && !entry.Id.Contains("$(") && !entry.Version.Contains("$("))
            .ToDictionary(entry => entry.Id!, entry => entry.Version!, StringComparer.OrdinalIgnoreCase);
    }
}
