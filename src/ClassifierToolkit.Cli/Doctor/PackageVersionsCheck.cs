using System.Reflection;
using System.Runtime.InteropServices;
using System.Text.Json;
using ClassifierToolkit.Data;
using Microsoft.ML;
using Microsoft.ML.OnnxRuntime;
using TorchSharp;

namespace ClassifierToolkit.Cli.Doctor;

/// <summary>The versions of the toolkit and of the packages it trains and serves with, as built into this ctk.</summary>
internal sealed class PackageVersionsCheck : IDoctorCheck
{
    public DoctorSection Run() => new("Packages",
    [
        new("ClassifierToolkit", Version(typeof(FashionMnist))),
        new("Microsoft.ML", Version(typeof(MLContext))),
        new("Microsoft.ML.OnnxRuntime", Version(typeof(InferenceSession))),
        new("TorchSharp", Version(typeof(torch))),
        new("libtorch", LibTorchPackage() ?? "unknown: no libtorch package in ctk.deps.json"),
    ]);

    // The informational version is the package's own (5.0.1), not the assembly's (1.0.0.0); a source commit is cut short.
    private static string Version(Type type)
    {
        var assembly = type.Assembly;
        var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? assembly.GetName().Version?.ToString() ?? "unknown";
        var plus = version.IndexOf('+');
        return plus >= 0 && version.Length > plus + 8 ? version[..(plus + 8)] : version;
    }

    // libtorch is native: its version is the NuGet package's, which the app's deps file records (libtorch-cpu-linux-x64/2.10.0).
    private static string? LibTorchPackage()
    {
        if (AppContext.GetData("APP_CONTEXT_DEPS_FILES") is not string depsFiles) return null;
        var rid = RuntimeInformation.RuntimeIdentifier;
        var packages = depsFiles.Split(';', StringSplitOptions.RemoveEmptyEntries).Where(File.Exists)
            .SelectMany(LibraryNames).Where(name => name.StartsWith("libtorch-", StringComparison.Ordinal)).ToList();
        var chosen = packages.FirstOrDefault(name => name.Contains(rid, StringComparison.Ordinal)) ?? packages.FirstOrDefault();
        return chosen?.Replace('/', ' ');
    }

    private static IEnumerable<string> LibraryNames(string depsFile)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(depsFile));
        return document.RootElement.TryGetProperty("libraries", out var libraries)
            ? libraries.EnumerateObject().Select(library => library.Name).ToList()
            : [];
    }
}
