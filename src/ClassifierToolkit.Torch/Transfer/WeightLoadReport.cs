namespace ClassifierToolkit.Torch.Transfer;

/// <summary>What loading pretrained weights into a model did.</summary>
/// <param name="Source">The weights file.</param>
/// <param name="Loaded">Tensors copied (parameters and BatchNorm statistics).</param>
/// <param name="AdaptedChannels">Tensors whose input channels were adapted (e.g. RGB weights for grey images).</param>
/// <param name="HeadReplaced">True when the head was left freshly initialized because the class count differs.</param>
public sealed record WeightLoadReport(string Source, int Loaded, IReadOnlyList<string> AdaptedChannels, bool HeadReplaced);
