namespace ClassifierToolkit.Data;

/// <summary>How <see cref="ImageFolderSource.Scan(string, ImageFolderScanOptions)"/> treats unusable files.</summary>
public sealed record ImageFolderScanOptions
{
    /// <summary>Refuse the folder when any file is unusable, instead of skipping those files with a warning.</summary>
    public bool Strict { get; init; }
    /// <summary>Receives (files checked, files to check) as the check goes on, every <see cref="ProgressEvery"/> files and at the end.</summary>
    public IProgress<(int Checked, int Total)>? Progress { get; init; }
    /// <summary>How many files between two progress reports.</summary>
    public int ProgressEvery { get; init; } = 2_000;
    /// <summary>Files checked at once (default: one per core).</summary>
    public int MaxDegreeOfParallelism { get; init; } = Environment.ProcessorCount;
}
