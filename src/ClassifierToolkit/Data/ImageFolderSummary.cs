namespace ClassifierToolkit.Data;

/// <summary>
/// What an image folder holds, as a person deciding how to train on it wants to know: images per class, image sizes,
/// how many are grey, how unbalanced the classes are, and what was skipped.
/// </summary>
/// <param name="Root">The folder.</param>
/// <param name="Classes">Class names with their image counts, in class order.</param>
/// <param name="Images">Usable images.</param>
/// <param name="MinSide">The smallest image's shorter side, in pixels.</param>
/// <param name="MedianWidth">The median width.</param>
/// <param name="MedianHeight">The median height.</param>
/// <param name="MaxSide">The largest image's longer side.</param>
/// <param name="GreyImages">Images whose pixels are grey (stored as grey, or colour with equal channels).</param>
/// <param name="Skipped">Files left out, with reasons.</param>
/// <param name="HiddenEntries">Hidden and system entries passed over.</param>
internal sealed record ImageFolderSummary(string Root, IReadOnlyList<(string Name, int Images)> Classes, int Images, int MinSide, int MedianWidth,
    int MedianHeight, int MaxSide, int GreyImages, IReadOnlyList<SkippedImage> Skipped, int HiddenEntries)
{
    /// <summary>The largest class's count over the smallest's (1 when balanced).</summary>
    public double ImbalanceRatio => (double)Classes.Max(c => c.Images) / Math.Max(1, Classes.Min(c => c.Images));

    /// <summary>Images over <see cref="ImageSizeLimit.MaxPixels"/>, read at reduced size (counted in <see cref="Images"/>, not skipped).</summary>
    public IReadOnlyList<ReducedImage> Reduced { get; init; } = [];

    /// <summary>Whether (nearly) every image is grey, so one channel loses nothing: 98 % or more.</summary>
    public bool MostlyGrey => GreyImages >= 0.98 * Images;

    /// <summary>The side of a square as large as the median picture: one size to compare with a network's input.</summary>
    public int MedianSide => (int)Math.Round(Math.Sqrt((double)MedianWidth * MedianHeight));

    /// <summary>Summarizes a scanned folder.</summary>
    public static ImageFolderSummary Of(ImageFolderSource source)
    {
        var facts = source.Facts;
        return new ImageFolderSummary(source.Root, source.ClassNames.Zip(source.CountsPerClass()).ToList(), facts.Count,
            facts.Min(f => Math.Min(f.Width, f.Height)), Median(facts.Select(f => f.Width)), Median(facts.Select(f => f.Height)),
            facts.Max(f => Math.Max(f.Width, f.Height)), facts.Count(f => f.LooksGrey), source.Skipped, source.HiddenEntries)
        {
            Reduced = source.Reduced,
        };
    }

    private static int Median(IEnumerable<int> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
