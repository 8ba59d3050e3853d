using Microsoft.ML.Data;

namespace MlNetAnchor;

/// <summary>
/// A folder with one sub-folder per class, read as ML.NET rows. Every file is decoded once with ML.NET's own image type
/// (<see cref="MLImage"/>, what <c>LoadImages</c> uses); a file that fails is left out and counted, because one such file
/// stops a whole <c>Fit</c> or <c>Transform</c> in ML.NET.
/// </summary>
internal sealed record LabeledFolder(string Root, IReadOnlyList<ImageRow> Rows, IReadOnlyList<SkippedFile> Skipped, TimeSpan CheckTime)
{
    /// <summary>Reads <paramref name="root"/>: files in sorted order, symbolic links followed.</summary>
    /// <exception cref="DirectoryNotFoundException">No such folder.</exception>
    /// <exception cref="InvalidDataException">No class sub-folder or no usable image.</exception>
    public static LabeledFolder Read(string root)
    {
        if (!Directory.Exists(root)) throw new DirectoryNotFoundException($"Image folder '{root}' does not exist; benchmarks/real-images.sh builds it.");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var rows = new List<ImageRow>();
        var skipped = new List<SkippedFile>();
        foreach (var classFolder in Directory.EnumerateDirectories(root).Order(StringComparer.Ordinal))
        {
            var label = Path.GetFileName(classFolder);
            foreach (var file in Directory.EnumerateFiles(classFolder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                if (Problem(file) is { } problem) skipped.Add(new SkippedFile(file, label, problem));
                else rows.Add(new ImageRow { ImagePath = Path.GetFullPath(file), Label = label });
            }
        }
        if (rows.Count == 0) throw new InvalidDataException($"'{root}' holds no image ML.NET can load in a class sub-folder ({skipped.Count} skipped).");
        return new LabeledFolder(root, rows, skipped, clock.Elapsed);
    }

    /// <summary>The classes in sorted order.</summary>
    public IReadOnlyList<string> Classes => Rows.Select(r => r.Label).Concat(Skipped.Select(s => s.Label)).Distinct().Order(StringComparer.Ordinal).ToList();

    // Whatever MLImage throws on (too large to allocate, not an image, damaged) makes ML.NET throw mid-pipeline too; the
    // reason is kept and printed.
    private static string? Problem(string file)
    {
        try
        {
            using var image = MLImage.CreateFromFile(file);
            return null;
        }
        catch (Exception e)
        {
            return $"{e.GetType().Name}: {e.Message}";
        }
    }
}
