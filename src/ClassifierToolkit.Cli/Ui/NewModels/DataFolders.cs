using ClassifierToolkit.Data;

namespace ClassifierToolkit.Cli.Ui.NewModels;

/// <summary>The folders under the root that look like training data (two or more sub-folders holding images): the form's suggestions.</summary>
internal static class DataFolders
{
    /// <summary>How deep under the root folders are looked at: suggestions must come back at once, even from a large root.</summary>
    public const int MaxDepth = 3;
    /// <summary>The most folders suggested.</summary>
    public const int MaxFolders = 50;
    private static readonly string[] Skipped = ["bin", "obj", "node_modules", "packages"];

    /// <summary>Candidate data folders, relative to the root, with their class count.</summary>
    public static IReadOnlyList<DataFolder> Find(UiRoot root)
    {
        var found = new List<DataFolder>();
        Visit(root, root.FullPath, 0, found);
        return found;
    }

    private static void Visit(UiRoot root, string folder, int depth, List<DataFolder> found)
    {
        if (found.Count >= MaxFolders) return;
        List<string> children;
        try
        {
            // Links are not followed: a suggestion must be a folder the form's own check accepts.
            children = [.. new DirectoryInfo(folder).EnumerateDirectories()
                .Where(d => d.LinkTarget is null && !d.Name.StartsWith('.') && !Skipped.Contains(d.Name, StringComparer.OrdinalIgnoreCase))
                .Select(d => d.FullName).Order(StringComparer.Ordinal)];
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            return;
        }
        int classes = children.Count(HasImages);
        if (depth > 0 && classes >= 2)
        {
            found.Add(new DataFolder(root.Relative(folder), classes));
            return;
        }
        if (depth < MaxDepth)
            foreach (var child in children) Visit(root, child, depth + 1, found);
    }

    private static bool HasImages(string folder)
    {
        try
        {
            return Directory.EnumerateFiles(folder).Take(200).Any(f => ImageFolderSource.ImageExtensions.Contains(Path.GetExtension(f)));
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            return false;
        }
    }
}
