namespace ClassifierToolkit.Data;

/// <summary>A file of an image folder that is left out, and why (shown to the user, listed in reports and metrics.json).</summary>
/// <param name="Path">The file's full path.</param>
/// <param name="Reason">What is wrong with it, e.g. "empty (0 bytes)" or "truncated: the image data end early".</param>
public sealed record SkippedImage(string Path, string Reason);
