namespace ClassifierToolkit.Torch.Models.ResNet;

/// <summary>
/// The shape of a ResNet as data: per stage, the number of basic blocks, the base width (output channels before the
/// <c>width</c> multiplier) and the stride of the stage's first block. The stem's width is the first stage's.
/// </summary>
/// <param name="Blocks">Basic blocks per stage.</param>
/// <param name="Widths">Base output channels per stage.</param>
/// <param name="Strides">Stride of each stage's first block.</param>
public sealed record ResNetLayout(IReadOnlyList<int> Blocks, IReadOnlyList<int> Widths, IReadOnlyList<int> Strides)
{
    /// <summary>Number of stages (<c>layer1</c>, <c>layer2</c>, ...).</summary>
    public int StageCount => Blocks.Count;

    /// <summary>Throws unless the three lists describe 1–4 stages consistently.</summary>
    public void Validate()
    {
        if (Blocks.Count is < 1 or > 4 || Widths.Count != Blocks.Count || Strides.Count != Blocks.Count)
            throw new ArgumentException($"A ResNet layout needs 1 to 4 stages with one block count, width and stride each; got {Blocks.Count} block counts, {Widths.Count} widths and {Strides.Count} strides.");
        if (Blocks.Concat(Widths).Concat(Strides).Any(v => v < 1))
            throw new ArgumentException("Block counts, widths and strides of a ResNet layout must all be positive.");
    }
}
