namespace MlNetAnchor;

/// <summary>An image file ML.NET could not load, left out of the run.</summary>
internal sealed record SkippedFile(string Path, string Label, string Problem);
