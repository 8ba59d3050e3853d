using System.Collections.Concurrent;

namespace ClassifierToolkit.Data;

/// <summary>
/// A Model Builder-style data set: one sub-folder per class holding image files (PNG, JPEG, BMP, GIF, WEBP; nested
/// folders allowed); class names are the sub-folder names in ordinal order. Every file is decoded once, in parallel, when
/// the folder is scanned: unusable files (empty, truncated, not an image, an unsupported format, outside any class folder)
/// are skipped and listed in <see cref="Skipped"/>, or refused with <see cref="ImageFolderScanOptions.Strict"/>. Images over
/// <see cref="ImageSizeLimit.MaxPixels"/> are read through reduced copies in the cache (<see cref="Reduced"/>). Only
/// paths and a few facts per image are kept, so folders of any size fit.
/// </summary>
public sealed class ImageFolderSource
{
    /// <summary>File extensions read as images.</summary>
    public static IReadOnlySet<string> ImageExtensions { get; } =
        new HashSet<string>(StringComparer.OrdinalIgnoreCase) { ".png", ".jpg", ".jpeg", ".bmp", ".gif", ".webp" };

    private static string Supported => string.Join(", ", ImageExtensions);

    private ImageFolderSource(string root, IReadOnlyList<string> classNames, IReadOnlyList<ImageFile> files, IReadOnlyList<ImageFacts> facts,
        IReadOnlyList<SkippedImage> skipped, IReadOnlyList<ReducedImage> reduced, int hidden)
    {
        Reduced = reduced;
        Root = root;
        ClassNames = classNames;
        Files = files;
        Facts = facts;
        Skipped = skipped;
        HiddenEntries = hidden;
    }

    /// <summary>The folder scanned.</summary>
    public string Root { get; }
    /// <summary>Class names, sorted ordinally.</summary>
    public IReadOnlyList<string> ClassNames { get; }
    /// <summary>Every usable image with its class, sorted by class then path; an image in <see cref="Reduced"/> by its reduced copy's path.</summary>
    public IReadOnlyList<ImageFile> Files { get; }
    /// <summary>What each of <see cref="Files"/> holds (same order).</summary>
    internal IReadOnlyList<ImageFacts> Facts { get; }
    /// <summary>Files left out, with the reason, sorted by path.</summary>
    public IReadOnlyList<SkippedImage> Skipped { get; }
    /// <summary>Images over <see cref="ImageSizeLimit.MaxPixels"/>, used through reduced copies, sorted by path.</summary>
    public IReadOnlyList<ReducedImage> Reduced { get; }
    /// <summary>Hidden and system files and folders passed over (<c>.DS_Store</c>, <c>Thumbs.db</c>, ...).</summary>
    public int HiddenEntries { get; }

    /// <summary>Images per class, in <see cref="ClassNames"/> order.</summary>
    public IReadOnlyList<int> CountsPerClass() => ClassNames.Select(name => Files.Count(f => f.Label == name)).ToList();

    /// <summary>Scans <paramref name="root"/>, skipping unusable files.</summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="InvalidDataException">The folder cannot make a data set: no classes, one class, an empty class, class names that differ only in case.</exception>
    public static ImageFolderSource Scan(string root) => Scan(root, new ImageFolderScanOptions());

    /// <summary>Scans <paramref name="root"/>.</summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="InvalidDataException">As <see cref="Scan(string)"/>, and with <see cref="ImageFolderScanOptions.Strict"/> any unusable file (all named).</exception>
    public static ImageFolderSource Scan(string root, ImageFolderScanOptions options)
    {
        if (!Directory.Exists(root))
            throw new DirectoryNotFoundException($"Image folder '{root}' does not exist. Expected one sub-folder per class, e.g. '{Path.Combine(root, "cat")}'.");
        root = Path.GetFullPath(root);
        var skipped = new ConcurrentBag<SkippedImage>();
        var (loose, hidden) = FolderEntries.Files(root, recursive: false);
        foreach (var file in loose) skipped.Add(new SkippedImage(file, "not inside a class folder: put each image in its class's sub-folder"));

        var candidates = new List<(string Path, string Class)>();
        var (classFolders, hiddenFolders) = FolderEntries.Folders(root);
        hidden += hiddenFolders;
        foreach (var folder in classFolders)
        {
            var (files, hiddenInside) = FolderEntries.Files(folder, recursive: true);
            hidden += hiddenInside;
            foreach (var file in files)
            {
                if (ImageExtensions.Contains(Path.GetExtension(file))) candidates.Add((file, Path.GetFileName(folder)));
                else skipped.Add(new SkippedImage(file, $"unsupported format '{Path.GetExtension(file)}' (supported: {Supported})"));
            }
        }

        var checkedImages = new ImageFileCheck.ImageCheck[candidates.Count];
        int done = 0;
        Parallel.For(0, candidates.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.MaxDegreeOfParallelism) }, i =>
        {
            var check = ImageFileCheck.Check(candidates[i].Path);
            if (check.Facts is null) skipped.Add(new SkippedImage(candidates[i].Path, check.Problem!));
            checkedImages[i] = check;
            int count = Interlocked.Increment(ref done);
            if (count % Math.Max(1, options.ProgressEvery) == 0 && count < candidates.Count) options.Progress?.Report((count, candidates.Count));
        });
        options.Progress?.Report((candidates.Count, candidates.Count));
        var skippedList = skipped.OrderBy(s => s.Path, StringComparer.Ordinal).ToList();
        if (options.Strict && skippedList.Count > 0) throw StrictRefusal(root, skippedList);

        var usable = Enumerable.Range(0, candidates.Count).Where(i => checkedImages[i].Facts is not null).ToList();
        var classNames = classFolders.Select(Path.GetFileName).Select(name => name!).ToList();
        CheckClasses(root, classNames, usable.Select(i => candidates[i].Class).ToHashSet(), skippedList);
        return new ImageFolderSource(root, classNames,
            usable.Select(i => new ImageFile { ImagePath = checkedImages[i].ReducedCopy ?? candidates[i].Path, Label = candidates[i].Class }).ToList(),
            usable.Select(i => checkedImages[i].Facts!).ToList(), skippedList,
            usable.Where(i => checkedImages[i].ReducedCopy is not null)
                .Select(i => new ReducedImage(candidates[i].Path, checkedImages[i].ReducedCopy!, checkedImages[i].Facts!.Width, checkedImages[i].Facts!.Height))
                .OrderBy(r => r.Path, StringComparer.Ordinal).ToList(),
            hidden);
    }

    /// <summary>Checks that a test folder has exactly the training folder's classes.</summary>
    /// <exception cref="InvalidDataException">It has other classes or lacks some; names them both ways.</exception>
    public static void CheckSameClasses(ImageFolderSource train, ImageFolderSource test)
    {
        var extra = test.ClassNames.Except(train.ClassNames, StringComparer.Ordinal).ToList();
        var missing = train.ClassNames.Except(test.ClassNames, StringComparer.Ordinal).ToList();
        if (extra.Count == 0 && missing.Count == 0) return;
        var problems = new List<string>();
        if (extra.Count > 0) problems.Add($"it has classes the training folder lacks: {string.Join(", ", extra)}");
        if (missing.Count > 0) problems.Add($"it lacks training classes: {string.Join(", ", missing)}");
        throw new InvalidDataException($"The test folder '{test.Root}' does not have the training folder's classes: {string.Join("; ", problems)}. " +
            $"Both need the same class sub-folders ({string.Join(", ", train.ClassNames)}), named alike (case included).");
    }

    private static void CheckClasses(string root, List<string> classNames, HashSet<string> classesWithImages, List<SkippedImage> skipped)
    {
        if (classesWithImages.Count == 0)
            throw new InvalidDataException($"'{root}' has no class sub-folders with images ({Supported}){SkippedNote(skipped)}. Expected one sub-folder per class, e.g. '{Path.Combine(root, "cat")}'.");
        var caseTwins = classNames.GroupBy(name => name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (caseTwins is not null)
            throw new InvalidDataException($"'{root}': class folders {string.Join(" and ", caseTwins.Select(n => $"'{n}'"))} differ only in case, so they would be one class on Windows and macOS and two here. Merge them into one folder or rename one.");
        var empty = classNames.Where(name => !classesWithImages.Contains(name)).ToList();
        if (empty.Count > 0)
            throw new InvalidDataException($"Class folder{(empty.Count > 1 ? "s" : "")} {string.Join(", ", empty.Select(n => $"'{Path.Combine(root, n)}'"))} hold{(empty.Count > 1 ? "" : "s")} no usable images ({Supported}){SkippedNote(skipped)}. Add images or remove the folder.");
        if (classNames.Count == 1)
            throw new InvalidDataException($"'{root}' has images of one class only ('{classNames[0]}'); a classifier needs at least two class sub-folders.");
    }

    private static string SkippedNote(List<SkippedImage> skipped) => skipped.Count == 0 ? "" : $"; {skipped.Count} file(s) were skipped, e.g. '{skipped[0].Path}': {skipped[0].Reason}";

    private static InvalidDataException StrictRefusal(string root, List<SkippedImage> skipped)
    {
        const int shown = 20;
        var lines = skipped.Take(shown).Select(s => $"  {s.Path}: {s.Reason}");
        var more = skipped.Count > shown ? $"\n  ... and {skipped.Count - shown} more" : "";
        return new InvalidDataException($"'{root}' has {skipped.Count} unusable file(s), and strict checking refuses them:\n{string.Join("\n", lines)}{more}\nFix or remove them, or drop --strict (data.strict) to skip them with a warning.");
    }
}
