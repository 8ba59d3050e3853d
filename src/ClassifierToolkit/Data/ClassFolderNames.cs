namespace ClassifierToolkit.Data;

/// <summary>Class names as folder names and back: <c>T-shirt/top</c> is stored in the folder <c>T-shirt_top</c>.</summary>
internal static class ClassFolderNames
{
    private static readonly HashSet<char> Invalid = Path.GetInvalidFileNameChars().Concat(['/', '\\', ':', '*', '?', '"', '<', '>', '|']).ToHashSet();

    /// <summary>Makes a class name safe as a folder name on every OS.</summary>
    public static string ToFolderName(string className)
    {
        var safe = new string(className.Select(c => Invalid.Contains(c) || char.IsControl(c) ? '_' : c).ToArray()).Trim().TrimEnd('.');
        return safe.Length == 0 ? "_" : safe;
    }

    /// <summary>
    /// The class of <paramref name="classNames"/> a folder name stands for: the exact name, else the one class whose
    /// folder name it is; null when none or several match.
    /// </summary>
    public static string? Resolve(string folderName, IReadOnlyList<string> classNames)
    {
        if (classNames.Contains(folderName)) return folderName;
        var matches = classNames.Where(name => ToFolderName(name) == folderName).ToList();
        return matches.Count == 1 ? matches[0] : null;
    }
}
