namespace ClassifierToolkit.Torch.Training.Augmentation;

/// <summary>Training-only augmentation of [0, 1] pixel batches.</summary>
public sealed record AugmentationOptions
{
    /// <summary>Random crop after zero padding by this many pixels (a random shift of up to ± this much).</summary>
    public int CropPadding { get; init; }
    /// <summary>Mirror half the images left–right.</summary>
    public bool HorizontalFlip { get; init; }
    /// <summary>Rotate by a uniform random angle in ± this many degrees.</summary>
    public double RotationDegrees { get; init; }
    /// <summary>RGB only: scale brightness, contrast and saturation by a random factor in 1 ± this.</summary>
    public double ColorJitter { get; init; }

    /// <summary>No augmentation.</summary>
    public static AugmentationOptions None { get; } = new();

    /// <summary>True when any augmentation is on.</summary>
    public bool Enabled => CropPadding > 0 || HorizontalFlip || RotationDegrees > 0 || ColorJitter > 0;

    /// <summary>Checks the values.</summary>
    public void Validate()
    {
        if (CropPadding < 0) throw new ArgumentOutOfRangeException(nameof(CropPadding), CropPadding, "CropPadding must not be negative.");
        if (RotationDegrees is < 0 or > 180) throw new ArgumentOutOfRangeException(nameof(RotationDegrees), RotationDegrees, "RotationDegrees must lie in [0, 180].");
        if (ColorJitter is < 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(ColorJitter), ColorJitter, "ColorJitter must lie in [0, 1).");
    }
}
