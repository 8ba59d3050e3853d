namespace ClassifierToolkit.Data;

/// <summary>
/// A Model Builder-style data set: one sub-folder per class holding image files (PNG, JPEG, BMP, GIF);
/// class names are the sub-folder names in ordinal order.
/// </summary>
public sealed class ImageFolderSource
{
    /// <summary>File extensions read as images.</summary>
    public static IReadOnlySet<string> ImageExtensions { get; } =
        new HashSet<string>(StringComparer.OrdinalIgnoreCase) { ".png", ".jpg", ".jpeg", ".bmp", ".gif" };

    private ImageFolderSource(string root, IReadOnlyList<string> classNames, IReadOnlyList<ImageFile> files)
    {
        Root = root;
        ClassNames = classNames;
        Files = files;
    }

    /// <summary>The folder scanned.</summary>
    public string Root { get; }
    /// <summary>Class names, sorted ordinally.</summary>
    public IReadOnlyList<string> ClassNames { get; }
    /// <summary>Every image with its class, sorted by class then path.</summary>
    public IReadOnlyList<ImageFile> Files { get; }

    /// <summary>Scans <paramref name="root"/>.</summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="InvalidDataException">No class folder holds an image, or only one class does.</exception>
    public static ImageFolderSource Scan(string root)
    {
        if (!Directory.Exists(root))
            throw new DirectoryNotFoundException($"Image folder '{root}' does not exist. Expected one sub-folder per class, e.g. '{Path.Combine(root, "cat")}'.");
        var files = new List<ImageFile>();
        var classNames = new List<string>();
        foreach (var classFolder in Directory.GetDirectories(root).OrderBy(d => d, StringComparer.Ordinal))
        {
            var images = Directory.EnumerateFiles(classFolder, "*", SearchOption.AllDirectories)
                .Where(f => ImageExtensions.Contains(Path.GetExtension(f)))
                .OrderBy(f => f, StringComparer.Ordinal)
                .ToList();
            if (images.Count == 0) continue;
            var className = Path.GetFileName(classFolder);
            classNames.Add(className);
            files.AddRange(images.Select(path => new ImageFile { ImagePath = Path.GetFullPath(path), Label = className }));
        }
        if (classNames.Count == 0)
            throw new InvalidDataException($"'{root}' has no class sub-folders with images ({string.Join(", ", ImageExtensions)}).");
        if (classNames.Count == 1)
            throw new InvalidDataException($"'{root}' has images of one class only ('{classNames[0]}'); a classifier needs at least two class sub-folders.");
        return new ImageFolderSource(Path.GetFullPath(root), classNames, files);
    }
}
