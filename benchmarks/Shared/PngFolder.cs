namespace Benchmarks.Shared;

/// <summary>The PNG files under a folder (any depth), as <c>ctk data export-images</c> writes them: one folder per class.</summary>
internal static class PngFolder
{
    /// <summary>The files ordered by file name, then path.</summary>
    /// <param name="folder">The folder to scan.</param>
    /// <param name="limit">Keep only the first N files; null keeps all.</param>
    /// <exception cref="DirectoryNotFoundException">No such folder.</exception>
    /// <exception cref="InvalidDataException">It holds no PNG file.</exception>
    public static IReadOnlyList<string> List(string folder, int? limit = null)
    {
        if (!Directory.Exists(folder))
            throw new DirectoryNotFoundException($"Image folder '{folder}' does not exist. Write one with: ctk data export-images fashion-mnist <dir>");
        // The exporter names files by their index in the data set ("00042.png"), so name order is the data set's order
        // and the first N files mix the classes (class-folder order would give N images of one class).
        var files = Directory.EnumerateFiles(folder, "*.png", SearchOption.AllDirectories)
            .Select(Path.GetFullPath)
            .OrderBy(Path.GetFileName, StringComparer.Ordinal)
            .ThenBy(path => path, StringComparer.Ordinal)
            .Take(limit ?? int.MaxValue)
            .ToList();
        if (files.Count == 0) throw new InvalidDataException($"'{folder}' holds no .png file.");
        return files;
    }
}
