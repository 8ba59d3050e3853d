namespace ClassifierToolkit.Torch.Models.Registry;

/// <summary>The model cards registered models share.</summary>
internal static class ModelCards
{
    /// <summary>
    /// torchvision's ImageNet classifiers: 224×224 RGB, normalized with the ImageNet training set's per-channel mean and
    /// std, as their pretrained weights expect.
    /// </summary>
    public static ModelCard ImageNet224 { get; } = new(224, 3, [0.485f, 0.456f, 0.406f], [0.229f, 0.224f, 0.225f]);

    /// <summary>
    /// The ImageNet ResNet of ML.NET's DnnImageFeaturizer package: 224×224 RGB, in 0–255 units less the channel averages of
    /// its mean image (the rest of the mean image is the model's <c>input_offset</c>).
    /// </summary>
    public static ModelCard MlNetImageNet224 { get; } = new(224, 3, Transfer.ImageNet.ImageNetWeights.Mean, Transfer.ImageNet.ImageNetWeights.Std)
    {
        BuiltInWeights = $"\"{Transfer.ImageNet.ImageNetWeights.Name}\": ImageNet, from the NuGet package {Transfer.ImageNet.ImageNetWeights.Package} {Transfer.ImageNet.ImageNetWeights.PackageVersion}",
    };
}
