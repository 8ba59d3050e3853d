namespace ClassifierToolkit.Pipelines;

/// <summary>How images are resized and normalized.</summary>
public sealed record InputSpec
{
    /// <summary>Width in pixels.</summary>
    public int Width { get; init; } = 28;
    /// <summary>Height in pixels.</summary>
    public int Height { get; init; } = 28;
    /// <summary>1 (grey) or 3 (RGB).</summary>
    public int Channels { get; init; } = 1;
    /// <summary>Per-channel mean of [0, 1] pixels.</summary>
    public IReadOnlyList<float> Mean { get; init; } = [0f];
    /// <summary>Per-channel std.</summary>
    public IReadOnlyList<float> Std { get; init; } = [1f];
}
