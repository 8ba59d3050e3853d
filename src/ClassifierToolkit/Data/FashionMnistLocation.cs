namespace ClassifierToolkit.Data;

/// <summary>The folder <see cref="FashionMnistLocator.Find"/> chose, and whether it is the bundled sample.</summary>
/// <param name="Folder">A folder holding the four IDX files.</param>
/// <param name="Sample">Set when the bundled sample stands in for the full set; null for the full data set.</param>
public sealed record FashionMnistLocation(string Folder, FashionMnistSampleNotice? Sample = null)
{
    /// <summary>True when <see cref="Folder"/> is the bundled sample, not the full data set.</summary>
    public bool IsSample => Sample is not null;
}
