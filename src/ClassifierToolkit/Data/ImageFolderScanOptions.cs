namespace ClassifierToolkit.Data;

/// <summary>How <see cref="ImageFolderSource.Scan(string, ImageFolderScanOptions)"/> treats unusable files.</summary>
public sealed record ImageFolderScanOptions
{
    /// <summary>Refuse the folder when any file is unusable, instead of skipping those files with a warning.</summary>
    public bool Strict { get; init; }
    /// <summary>Files checked at once (default: one per core).</summary>
    public int MaxDegreeOfParallelism { get; init; } = Environment.ProcessorCount;
}
