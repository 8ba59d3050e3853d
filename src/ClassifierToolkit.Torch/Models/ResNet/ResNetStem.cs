namespace ClassifierToolkit.Torch.Models.ResNet;

/// <summary>How a ResNet turns the image into the first stage's input.</summary>
internal enum ResNetStem
{
    /// <summary>3×3 stride-1 convolution, no max-pool: keeps the resolution of small images such as 28×28 or 32×32.</summary>
    Cifar,

    /// <summary>torchvision's: 7×7 stride-2 convolution and a 3×3 stride-2 max-pool, a quarter of the resolution per side, made for 224×224.</summary>
    ImageNet,
}
