namespace ClassifierToolkit.Torch.Models.Registry;

/// <summary>The model cards registered models share.</summary>
public static class ModelCards
{
    /// <summary>
    /// torchvision's ImageNet classifiers: 224×224 RGB, normalized with the ImageNet training set's per-channel mean and
    /// std, as their pretrained weights expect.
    /// </summary>
    public static ModelCard ImageNet224 { get; } = new(224, 3, [0.485f, 0.456f, 0.406f], [0.229f, 0.224f, 0.225f]);
}
