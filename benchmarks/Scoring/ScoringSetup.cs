using Benchmarks.Shared;

namespace Scoring;

/// <summary>What every measurement runs on: the model, the test images, and how often to repeat.</summary>
/// <param name="ModelPath">The classifier <c>.zip</c>.</param>
/// <param name="ImagesFolder">The test images as PNG files (needed by every measurement but the model-only one).</param>
/// <param name="Limit">Use only the first N test images; null uses all.</param>
/// <param name="Repeats">Timed runs per measurement, after one warm-up run.</param>
internal sealed record ScoringSetup(string ModelPath, string? ImagesFolder, int? Limit, int Repeats)
{
    /// <summary>The PNG files, in the data set's order.</summary>
    /// <exception cref="InvalidOperationException">No folder was given.</exception>
    public IReadOnlyList<string> ImageFiles() => PngFolder.List(
        ImagesFolder ?? throw new InvalidOperationException(
            "This measurement reads PNG files: give --images <folder> (write one with: ctk data export-images fashion-mnist <folder>)."),
        Limit);
}
