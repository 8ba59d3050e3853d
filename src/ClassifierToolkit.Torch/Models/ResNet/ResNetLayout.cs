namespace ClassifierToolkit.Torch.Models.ResNet;

/// <summary>
/// The shape of a ResNet as data: the stem, the block kind, and per stage the number of blocks, the base width (output
/// channels of a basic block, the inner width of a bottleneck, before the CIFAR layouts' <c>width</c> multiplier) and the
/// stride of the stage's first block. The stem's width is the first stage's.
/// </summary>
/// <param name="Stem">How the image enters the first stage.</param>
/// <param name="Block">The block every stage is made of.</param>
/// <param name="Blocks">Blocks per stage.</param>
/// <param name="Widths">Base width per stage.</param>
/// <param name="Strides">Stride of each stage's first block.</param>
internal sealed record ResNetLayout(ResNetStem Stem, BlockKind Block, IReadOnlyList<int> Blocks, IReadOnlyList<int> Widths, IReadOnlyList<int> Strides)
{
    /// <summary>
    /// Whether the network subtracts a fixed per-pixel image (the <c>input_offset</c> buffer, zero until weights fill it)
    /// from its normalized input: weights trained on pixels minus a mean image, rather than minus channel means, need it.
    /// </summary>
    public bool InputOffset { get; init; }

    /// <summary>Number of stages (<c>layer1</c>, <c>layer2</c>, ...).</summary>
    public int StageCount => Blocks.Count;

    /// <summary>Throws unless the layout names a known stem and block and its three lists describe 1–4 stages consistently.</summary>
    public void Validate()
    {
        if (!Enum.IsDefined(Stem) || !Enum.IsDefined(Block))
            throw new ArgumentException($"A ResNet layout needs a stem ({string.Join(", ", Enum.GetNames<ResNetStem>())}) and a block ({string.Join(", ", Enum.GetNames<BlockKind>())}); got {Stem} and {Block}.");
        if (Blocks.Count is < 1 or > 4 || Widths.Count != Blocks.Count || Strides.Count != Blocks.Count)
            throw new ArgumentException($"A ResNet layout needs 1 to 4 stages with one block count, width and stride each; got {Blocks.Count} block counts, {Widths.Count} widths and {Strides.Count} strides.");
        if (Blocks.Concat(Widths).Concat(Strides).Any(v => v < 1))
            throw new ArgumentException("Block counts, widths and strides of a ResNet layout must all be positive.");
    }
}
