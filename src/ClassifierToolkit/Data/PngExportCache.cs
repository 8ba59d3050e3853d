using System.Security.Cryptography;
using ClassifierToolkit.IO;

namespace ClassifierToolkit.Data;

/// <summary>
/// PNG copies of in-memory images kept in a cache folder named by their content, so commands that score image
/// files (<c>ctk evaluate --data fashion-mnist</c>) write them once and reuse them on every later run.
/// </summary>
internal static class PngExportCache
{
    /// <summary>Environment variable that moves the cache.</summary>
    public const string CacheDirectoryVariable = "CTK_CACHE_DIR";
    private const string ManifestFile = "files.tsv";

    /// <summary><c>$CTK_CACHE_DIR</c>, else <c>$XDG_CACHE_HOME/classifier-toolkit</c>, else <c>~/.cache/classifier-toolkit</c>.</summary>
    public static string DefaultRoot() =>
        Environment.GetEnvironmentVariable(CacheDirectoryVariable) is { Length: > 0 } explicitRoot ? explicitRoot
        : Path.Combine(Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache"), "classifier-toolkit");

    /// <summary>The files of <paramref name="images"/>, in their order: from the cache when complete, else exported now.</summary>
    /// <param name="images">The images to export.</param>
    /// <param name="name">Readable start of the cache folder's name, e.g. <c>fashion-mnist-test</c>.</param>
    /// <param name="root">The cache folder (see <see cref="DefaultRoot"/>).</param>
    public static IReadOnlyList<ImageFile> GetOrExport(LabeledImageSet images, string name, string root)
    {
        var folder = Path.Combine(root, $"{name}-{images.Count}-{ContentHash(images)}");
        if (ReadComplete(folder) is { } cached && cached.Count == images.Count) return cached;

        // Exported beside the final folder and moved into place, so a killed export never looks complete.
        var temporary = $"{folder}.{Environment.ProcessId}.tmp";
        if (Directory.Exists(temporary)) Directory.Delete(temporary, recursive: true);
        var written = PngExporter.Export(images, temporary);
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        Directory.Move(temporary, folder);
        var files = written.Select(f => new ImageFile { ImagePath = Path.Combine(folder, Path.GetRelativePath(temporary, f.ImagePath)), Label = f.Label }).ToList();
        AtomicFile.WriteAllText(Path.Combine(folder, ManifestFile),
            string.Join('\n', files.Select(f => $"{Path.GetRelativePath(folder, f.ImagePath)}\t{f.Label}")));
        return files;
    }

    // The manifest is written last; a folder without it, or with a file gone missing, is not trusted.
    private static List<ImageFile>? ReadComplete(string folder)
    {
        var manifest = Path.Combine(folder, ManifestFile);
        if (!File.Exists(manifest)) return null;
        var files = File.ReadAllLines(manifest).Where(line => line.Length > 0).Select(line => line.Split('\t'))
            .Select(parts => new ImageFile { ImagePath = Path.Combine(folder, parts[0]), Label = parts[^1] }).ToList();
        return files.All(f => File.Exists(f.ImagePath)) ? files : null;
    }

    private static string ContentHash(LabeledImageSet images)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(images.Pixels);
        foreach (var label in images.Labels) hash.AppendData(BitConverter.GetBytes(label));
        hash.AppendData(System.Text.Encoding.UTF8.GetBytes(string.Join('\n', images.ClassNames)));
        hash.AppendData(BitConverter.GetBytes(images.Channels * 1_000_000 + images.Height * 1_000 + images.Width));
        return Convert.ToHexString(hash.GetHashAndReset())[..16].ToLowerInvariant();
    }
}
