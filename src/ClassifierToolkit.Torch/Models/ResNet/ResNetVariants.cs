using ClassifierToolkit.Torch.Models.Registry;

namespace ClassifierToolkit.Torch.Models.ResNet;

/// <summary>The registered ResNets, declared as data.</summary>
internal static class ResNetVariants
{
    /// <summary>The seed study's CIFAR-style ResNet-18.</summary>
    public static readonly ResNetLayout ResNet18 = new([2, 2, 2, 2], [64, 128, 256, 512], [1, 2, 2, 2]);

    /// <summary>He et al.'s CIFAR ResNet-20: three stages of three blocks, 16/32/64 channels.</summary>
    public static readonly ResNetLayout ResNet20 = new([3, 3, 3], [16, 32, 64], [1, 2, 2]);

    /// <summary>The smallest CIFAR ResNet: three stages of one block, 16/32/64 channels.</summary>
    public static readonly ResNetLayout ResNet8 = new([1, 1, 1], [16, 32, 64], [1, 2, 2]);

    public static void Register(ModelRegistry registry)
    {
        Add(registry, "resnet8", ResNet8, "CIFAR ResNet-8: 3 stages × 1 basic block, 16/32/64 channels × 'width' (77,754 parameters on 28×28 grey, 10 classes); trains in minutes on a CPU.");
        Add(registry, "resnet20", ResNet20, "CIFAR ResNet-20: 3 stages × 3 basic blocks, 16/32/64 channels × 'width' (272,186 parameters on 28×28 grey, 10 classes).");
        Add(registry, "resnet18", ResNet18, "The seed study's CIFAR-style ResNet-18: 3×3 stem, no max-pool, 64–512 channels (11,172,810 parameters on 28×28 grey, 10 classes).");
    }

    private static void Add(ModelRegistry registry, string name, ResNetLayout layout, string description) =>
        registry.Add(name, description, options => new ResNet(name, layout, options));
}
