namespace ClassifierToolkit.Data;

/// <summary>
/// Walks an image folder the way a user sees it: hidden entries (dot files and folders such as <c>.DS_Store</c> or
/// macOS's <c>._x.png</c>, <c>__MACOSX</c>, <c>Thumbs.db</c>, <c>desktop.ini</c>) are not data and are passed over.
/// </summary>
internal static class FolderEntries
{
    private static readonly HashSet<string> SystemNames = new(StringComparer.OrdinalIgnoreCase) { "Thumbs.db", "desktop.ini", "__MACOSX", "$RECYCLE.BIN" };

    /// <summary>Whether a file or folder name is hidden or an operating system's own.</summary>
    public static bool IsHidden(string name) => name.StartsWith('.') || SystemNames.Contains(name);

    /// <summary>The visible sub-folders of <paramref name="folder"/>, ordinally sorted, and how many hidden ones were passed over.</summary>
    public static (List<string> Folders, int Hidden) Folders(string folder)
    {
        var all = Directory.EnumerateDirectories(folder).ToList();
        var visible = all.Where(d => !IsHidden(Path.GetFileName(d))).Order(StringComparer.Ordinal).ToList();
        return (visible, all.Count - visible.Count);
    }

    /// <summary>The visible files in <paramref name="folder"/> (and its sub-folders when <paramref name="recursive"/>), and how many hidden entries were passed over.</summary>
    public static (List<string> Files, int Hidden) Files(string folder, bool recursive) => Files(folder, recursive, []);

    // Linked folders are followed, but each real folder is read once, so a link to a parent cannot loop.
    private static (List<string> Files, int Hidden) Files(string folder, bool recursive, HashSet<string> visited)
    {
        var files = new List<string>();
        int hidden = 0;
        if (!visited.Add(RealPath(folder))) return (files, hidden);
        foreach (var file in Directory.EnumerateFiles(folder))
        {
            if (IsHidden(Path.GetFileName(file))) hidden++;
            else files.Add(file);
        }
        if (recursive)
        {
            foreach (var sub in Directory.EnumerateDirectories(folder))
            {
                if (IsHidden(Path.GetFileName(sub))) { hidden++; continue; }
                var (nested, nestedHidden) = Files(sub, recursive: true, visited);
                files.AddRange(nested);
                hidden += nestedHidden;
            }
        }
        files.Sort(StringComparer.Ordinal);
        return (files, hidden);
    }

    private static string RealPath(string folder) =>
        new DirectoryInfo(folder).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? Path.GetFullPath(folder);
}
