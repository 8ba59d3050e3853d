namespace ClassifierToolkit.Pipelines;

/// <summary>Training-only augmentation.</summary>
public sealed record AugmentationSpec
{
    /// <summary>Random crop after zero padding by this many pixels.</summary>
    public int CropPadding { get; init; }
    /// <summary>Random left–right mirror.</summary>
    public bool HorizontalFlip { get; init; }
    /// <summary>Random rotation within ± this many degrees.</summary>
    public double RotationDegrees { get; init; }
    /// <summary>RGB colour jitter strength in [0, 1).</summary>
    public double ColorJitter { get; init; }
}
