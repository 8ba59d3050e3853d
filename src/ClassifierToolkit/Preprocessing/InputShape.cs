namespace ClassifierToolkit.Preprocessing;

/// <summary>
/// What a network takes: channels (1 grey or 3 RGB), size, per-channel normalization, and whether its <c>Pixels</c> start
/// with an alpha plane (<see cref="Alpha"/>), which the network uses to composite transparent pictures onto white.
/// </summary>
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
    /// <summary>Values per image the network's layers see (the colour channels, after compositing).</summary>
    public int Size => Channels * Height * Width;
    /// <summary>
    /// Whether the <c>Pixels</c> column holds an alpha plane before the colour planes (ExtractPixels with
    /// <c>ColorBits.Alpha</c>, <c>ColorsOrder.ARGB</c>), which the network composites onto white before normalizing.
    /// The toolkit's preprocessing and data sources give it; models saved before it take the colour planes only.
    /// </summary>
    public bool Alpha { get; init; }
    /// <summary>Planes per image in the <c>Pixels</c> column: the channels, plus the alpha plane when <see cref="Alpha"/>.</summary>
    public int PixelPlanes => Channels + (Alpha ? 1 : 0);
    /// <summary>Values per image in the <c>Pixels</c> column (<see cref="PixelPlanes"/> × height × width).</summary>
    public int PixelValues => PixelPlanes * Height * Width;

    /// <summary>
    /// The shape of a <c>Pixels</c> column of <paramref name="planes"/> planes: 1 (grey) and 3 (RGB) as models saved before
    /// alpha was read, 2 and 4 the same after an alpha plane.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Any other number of planes.</exception>
    public static InputShape FromPixelPlanes(int planes, int height, int width, IReadOnlyList<float>? mean = null, IReadOnlyList<float>? std = null) => planes switch
    {
        1 or 3 => new InputShape(planes, height, width, mean, std),
        2 or 4 => new InputShape(planes - 1, height, width, mean, std) { Alpha = true },
        _ => throw new ArgumentOutOfRangeException(nameof(planes), planes,
            "Pixels must have 1 (grey) or 3 (RGB) planes, or those after an alpha plane (2, 4: ExtractPixels with ColorBits.Alpha in ARGB order)."),
    };

    private static float[] PerChannel(IReadOnlyList<float> values, int channels, string name) => values.Count switch
    {
        1 => Enumerable.Repeat(values[0], channels).ToArray(),
        _ when values.Count == channels => values.ToArray(),
        _ => throw new ArgumentException($"Expected 1 or {channels} values, got {values.Count}.", name),
    };
}
