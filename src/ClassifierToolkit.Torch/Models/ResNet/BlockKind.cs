namespace ClassifierToolkit.Torch.Models.ResNet;

/// <summary>The residual block a ResNet's stages are made of.</summary>
internal enum BlockKind
{
    /// <summary>Two 3×3 convolutions; the block's output width is its width (ResNet-18/34 and the CIFAR ResNets).</summary>
    Basic,

    /// <summary>1×1 → 3×3 (carrying the stride, as torchvision's v1.5 does) → 1×1 convolutions; the block outputs 4× its width (ResNet-50 and deeper).</summary>
    Bottleneck,
}
