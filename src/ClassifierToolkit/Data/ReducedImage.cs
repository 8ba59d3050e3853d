namespace ClassifierToolkit.Data;

/// <summary>An image of a folder over <see cref="ImageSizeLimit.MaxPixels"/>, read through its reduced copy (it is used, not skipped).</summary>
/// <param name="Path">The image's full path.</param>
/// <param name="CopyPath">Its reduced copy in the cache, which the data set reads.</param>
/// <param name="Width">The image's own width.</param>
/// <param name="Height">The image's own height.</param>
public sealed record ReducedImage(string Path, string CopyPath, int Width, int Height);
