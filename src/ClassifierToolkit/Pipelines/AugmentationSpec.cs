namespace ClassifierToolkit.Pipelines;

/// <summary>Training-only augmentation of [0, 1] pixel batches.</summary>
public sealed record AugmentationSpec
{
    /// <summary>Random crop after zero padding by this many pixels (a random shift of up to ± this much).</summary>
    public int CropPadding { get; init; }
    /// <summary>Mirror half the images left–right.</summary>
    public bool HorizontalFlip { get; init; }
    /// <summary>Rotate by a uniform random angle in ± this many degrees.</summary>
    public double RotationDegrees { get; init; }
    /// <summary>RGB only: scale brightness, contrast and saturation by a random factor in 1 ± this.</summary>
    public double ColorJitter { get; init; }
    /// <summary>Random-resized crop (Inception's, torchvision's <c>RandomResizedCrop</c>): show a random part of each image covering
    /// between this fraction and all of its area, aspect ratio 3:4 to 4:3, stretched back to the input size; 0 is off.</summary>
    public double RandomResizedCrop { get; init; }
    /// <summary>Random erasing: with this probability, each image has one rectangle (2–33 % of its area, aspect ratio 0.3 to 3.3)
    /// replaced by uniform noise, so the network cannot rely on any one part of a picture; 0 is off. Applied after the geometric
    /// augmentations. Zhong et al. (2017) measured it on Fashion-MNIST at 0.5.</summary>
    public double RandomErasing { get; init; }

    /// <summary>No augmentation.</summary>
    public static AugmentationSpec None { get; } = new();

    /// <summary>True when any augmentation is on.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool Enabled => CropPadding > 0 || HorizontalFlip || RotationDegrees > 0 || ColorJitter > 0 || RandomResizedCrop > 0 || RandomErasing > 0;

    /// <summary>Checks the ranges.</summary>
    /// <exception cref="PipelineSpecException">A value is out of range; names its path.</exception>
    public void Validate(SpecCheck? check = null)
    {
        check ??= new SpecCheck(SpecCheck.CodeSource, "$.training.augmentation");
        check.Range("cropPadding", CropPadding, 0, 1024);
        check.Range("rotationDegrees", RotationDegrees, 0, 180);
        check.Range("colorJitter", ColorJitter, 0, 0.999);
        check.Range("randomResizedCrop", RandomResizedCrop, 0, 1);
        check.Range("randomErasing", RandomErasing, 0, 1);
    }
}
