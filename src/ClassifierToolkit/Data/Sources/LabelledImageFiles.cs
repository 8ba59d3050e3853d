namespace ClassifierToolkit.Data.Sources;

/// <summary>Labelled picture files, with what was left out or read at reduced size, and what a report should say about them.</summary>
/// <param name="Files">The usable files and their classes.</param>
/// <param name="Skipped">Files left out as unusable, with the reasons.</param>
/// <param name="Reduced">Pictures over the size limit, read through reduced copies.</param>
/// <param name="Note">E.g. that the bundled sample stood in for the full set; null when nothing.</param>
public sealed record LabelledImageFiles(IReadOnlyList<ImageFile> Files, IReadOnlyList<SkippedImage> Skipped, IReadOnlyList<ReducedImage> Reduced, string? Note);
