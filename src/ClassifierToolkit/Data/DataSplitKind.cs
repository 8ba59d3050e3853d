namespace ClassifierToolkit.Data;

/// <summary>Which half of a data set to load.</summary>
public enum DataSplitKind
{
    /// <summary>The 60,000 training images.</summary>
    Train,
    /// <summary>The 10,000 test images.</summary>
    Test,
}
