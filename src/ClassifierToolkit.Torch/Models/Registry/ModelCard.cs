namespace ClassifierToolkit.Torch.Models.Registry;

/// <summary>
/// What a registered model expects of its input, for preprocessing to follow (timm's pretrained config): the square
/// side the images are resized to, the channels and the per-channel normalization it was designed or pretrained with.
/// Null means no preference: the pipeline's own values apply.
/// </summary>
/// <param name="InputSize">Side of the square input in pixels, or null for any size.</param>
/// <param name="Channels">1 (grey) or 3 (RGB), or null for either.</param>
/// <param name="Mean">Per-channel mean subtracted from [0, 1] pixels, or null for no preference.</param>
/// <param name="Std">Per-channel std the centred pixels are divided by, or null for no preference.</param>
public sealed record ModelCard(int? InputSize, int? Channels, IReadOnlyList<float>? Mean, IReadOnlyList<float>? Std)
{
    /// <summary>Where pretrained weights for the model come from without a file of one's own, or null when none ship.</summary>
    public string? BuiltInWeights { get; init; }

    /// <summary>No preference: any size, either channel count, the pipeline's normalization (the small models).</summary>
    public static ModelCard Any { get; } = new(null, null, null, null);
}
