namespace ClassifierToolkit.Preprocessing;

/// <summary>What a network takes: channels (1 grey or 3 RGB), size, and per-channel normalization.</summary>
public sealed record InputShape
{
    /// <summary>Creates a shape; mean and std need one value per channel (or one for all).</summary>
    public InputShape(int channels, int height, int width, IReadOnlyList<float>? mean = null, IReadOnlyList<float>? std = null)
    {
        if (channels is not (1 or 3)) throw new ArgumentOutOfRangeException(nameof(channels), channels, "Channels must be 1 (grey) or 3 (RGB).");
        if (height < 1) throw new ArgumentOutOfRangeException(nameof(height), height, "Height must be positive.");
        if (width < 1) throw new ArgumentOutOfRangeException(nameof(width), width, "Width must be positive.");
        Channels = channels;
        Height = height;
        Width = width;
        Mean = PerChannel(mean ?? [0f], channels, nameof(mean));
        Std = PerChannel(std ?? [1f], channels, nameof(std));
        if (Std.Any(s => !(s > 0))) throw new ArgumentOutOfRangeException(nameof(std), string.Join(", ", Std), "Every std value must be positive.");
    }

    /// <summary>1 for grey, 3 for RGB.</summary>
    public int Channels { get; }
    /// <summary>Height the images are resized to.</summary>
    public int Height { get; }
    /// <summary>Width the images are resized to.</summary>
    public int Width { get; }
    /// <summary>Per-channel mean subtracted from [0, 1] pixels.</summary>
    public IReadOnlyList<float> Mean { get; }
    /// <summary>Per-channel std the centred pixels are divided by.</summary>
    public IReadOnlyList<float> Std { get; }
    /// <summary>Values per image.</summary>
    public int Size => Channels * Height * Width;

    private static float[] PerChannel(IReadOnlyList<float> values, int channels, string name) => values.Count switch
    {
        1 => Enumerable.Repeat(values[0], channels).ToArray(),
        _ when values.Count == channels => values.ToArray(),
        _ => throw new ArgumentException($"Expected 1 or {channels} values, got {values.Count}.", name),
    };
}
