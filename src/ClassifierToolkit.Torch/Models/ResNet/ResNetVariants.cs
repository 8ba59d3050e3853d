using ClassifierToolkit.Torch.Models.Registry;
using ClassifierToolkit.Torch.Transfer.ImageNet;

namespace ClassifierToolkit.Torch.Models.ResNet;

/// <summary>The registered ResNets, declared as data.</summary>
internal static class ResNetVariants
{
    /// <summary>He et al.'s CIFAR ResNet-8: three stages of one basic block, 16/32/64 channels.</summary>
    public static readonly ResNetLayout ResNet8Cifar = new(ResNetStem.Cifar, BlockKind.Basic, [1, 1, 1], [16, 32, 64], [1, 2, 2]);

    /// <summary>He et al.'s CIFAR ResNet-20: three stages of three basic blocks, 16/32/64 channels.</summary>
    public static readonly ResNetLayout ResNet20Cifar = new(ResNetStem.Cifar, BlockKind.Basic, [3, 3, 3], [16, 32, 64], [1, 2, 2]);

    /// <summary>The seed study's ResNet-18: torchvision's stages behind a CIFAR stem (3×3 conv, no max-pool).</summary>
    public static readonly ResNetLayout ResNet18Cifar = new(ResNetStem.Cifar, BlockKind.Basic, [2, 2, 2, 2], [64, 128, 256, 512], [1, 2, 2, 2]);

    /// <summary>torchvision's ResNet-18.</summary>
    public static readonly ResNetLayout ResNet18 = new(ResNetStem.ImageNet, BlockKind.Basic, [2, 2, 2, 2], [64, 128, 256, 512], [1, 2, 2, 2]);

    /// <summary>torchvision's ResNet-34.</summary>
    public static readonly ResNetLayout ResNet34 = new(ResNetStem.ImageNet, BlockKind.Basic, [3, 4, 6, 3], [64, 128, 256, 512], [1, 2, 2, 2]);

    /// <summary>torchvision's ResNet-50 (v1.5: the stride sits on the bottleneck's 3×3 conv).</summary>
    public static readonly ResNetLayout ResNet50 = new(ResNetStem.ImageNet, BlockKind.Bottleneck, [3, 4, 6, 3], [64, 128, 256, 512], [1, 2, 2, 2]);

    public static void Register(ModelRegistry registry)
    {
        Add(registry, "resnet8-cifar", ResNet8Cifar, ModelCard.Any, "CIFAR ResNet-8: 3 stages × 1 basic block, 16/32/64 channels × 'width' (77,754 parameters on 28×28 grey, 10 classes); trains in minutes on a CPU.");
        Add(registry, "resnet20-cifar", ResNet20Cifar, ModelCard.Any, "CIFAR ResNet-20: 3 stages × 3 basic blocks, 16/32/64 channels × 'width' (272,186 parameters on 28×28 grey, 10 classes).");
        Add(registry, "resnet18-cifar", ResNet18Cifar, ModelCard.Any, "The seed study's CIFAR-style ResNet-18: 3×3 stem, no max-pool, 64–512 channels × 'width' (11,172,810 parameters on 28×28 grey, 10 classes).");
        Add(registry, "resnet18", ResNet18, ModelCards.ImageNet224, "torchvision's ResNet-18: 7×7 stride-2 stem and max-pool, 4 stages × 2 basic blocks, 64–512 channels; tensors named as torchvision's (11,689,512 parameters on RGB, 1000 classes).");
        Add(registry, "resnet34", ResNet34, ModelCards.ImageNet224, "torchvision's ResNet-34: 7×7 stride-2 stem and max-pool, 3/4/6/3 basic blocks, 64–512 channels; tensors named as torchvision's (21,797,672 parameters on RGB, 1000 classes).");
        Add(registry, "resnet50", ResNet50, ModelCards.ImageNet224, "torchvision's ResNet-50 (v1.5): 7×7 stride-2 stem and max-pool, 3/4/6/3 bottleneck blocks, 256–2048 channels; tensors named as torchvision's (25,557,032 parameters on RGB, 1000 classes).");
        Add(registry, ImageNetWeights.ModelName, ImageNetWeights.Layout, ModelCards.MlNetImageNet224,
            "The ImageNet ResNet ML.NET's DnnFeaturizeImage uses: torchvision's ResNet-18 stem and widths with 2/2/2/3 basic blocks " +
            "(15,908,800 pretrained values).");
        // The CIFAR ResNets' first names, which saved pipelines and searches still use.
        registry.AddAlias("resnet8", "resnet8-cifar");
        registry.AddAlias("resnet20", "resnet20-cifar");
    }

    private static void Add(ModelRegistry registry, string name, ResNetLayout layout, ModelCard card, string description) =>
        registry.Add(name, description, card, options => new ResNet(name, layout, options));
}
