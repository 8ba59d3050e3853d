using System.Reflection;
using ClassifierToolkit.Prediction;
using ClassifierToolkit.Serving;

namespace ClassifierToolkit.Cli.New;

/// <summary>
/// The serving library and the toolkit core it builds on, as ctk's own copies of <c>ClassifierToolkit.dll</c> and
/// <c>ClassifierToolkit.Serving.dll</c> (with their XML docs, for IntelliSense). The web project references these files,
/// so it builds wherever it lies, without the toolkit's sources or a package feed.
/// </summary>
internal static class ServingLibraryFiles
{
    private static readonly Assembly[] Assemblies = [typeof(ImageClassifier).Assembly, typeof(ImageClassifierPool).Assembly];

    /// <summary>Copies the assemblies into <paramref name="folder"/>; returns the files written.</summary>
    /// <exception cref="InvalidOperationException">ctk runs as a single-file app, whose assemblies are not files.</exception>
    public static IReadOnlyList<string> CopyTo(string folder)
    {
        Directory.CreateDirectory(folder);
        var written = new List<string>();
        foreach (var assembly in Assemblies)
        {
            var dll = assembly.Location;
            if (dll.Length == 0)
                throw new InvalidOperationException($"ctk runs as a single file, so {assembly.GetName().Name}.dll is not a file it can copy into the web project; run a ctk built or published without PublishSingleFile.");
            // The docs are optional: a build without them still gives a working project.
            foreach (var source in new[] { dll, Path.ChangeExtension(dll, ".xml") }.Where(File.Exists))
            {
                var target = Path.Combine(folder, Path.GetFileName(source));
                File.Copy(source, target, overwrite: true);
                written.Add(target);
            }
        }
        return written;
    }
}
