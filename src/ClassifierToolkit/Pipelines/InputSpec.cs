using ClassifierToolkit.Preprocessing;

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
    /// <summary>Per-channel mean of [0, 1] pixels (one value or one per channel).</summary>
    public IReadOnlyList<float> Mean { get; init; } = [0f];
    /// <summary>Per-channel std (one value or one per channel).</summary>
    public IReadOnlyList<float> Std { get; init; } = [1f];
    /// <summary>How images of another aspect ratio are brought to the input size.</summary>
    public ResizeKind Resize { get; init; } = ResizeKind.Stretch;

    /// <summary>The tensor shape and normalization this section describes, with the alpha plane the toolkit's preprocessing reads.</summary>
    public InputShape ToShape() => new(Channels, Height, Width, Mean.ToArray(), Std.ToArray()) { Alpha = true };

    /// <summary>Checks sizes, channels and normalization.</summary>
    /// <exception cref="PipelineSpecException">A value is not allowed; names its path.</exception>
    public void Validate(SpecCheck? check = null)
    {
        check ??= new SpecCheck(SpecCheck.CodeSource, "$.input");
        check.Range("width", Width, 1, 4096);
        check.Range("height", Height, 1, 4096);
        if (Channels is not (1 or 3)) throw check.Error("channels", $"{Channels} is not allowed. Allowed values: 1 (grey), 3 (RGB).");
        if (Mean.Count != 1 && Mean.Count != Channels) throw check.Error("mean", $"expected 1 or {Channels} values, found {Mean.Count}.");
        if (Std.Count != 1 && Std.Count != Channels) throw check.Error("std", $"expected 1 or {Channels} values, found {Std.Count}.");
        if (Std.Any(s => !(s > 0) || !float.IsFinite(s))) throw check.Error("std", "every value must be positive.");
        if (Mean.Any(m => !float.IsFinite(m))) throw check.Error("mean", "every value must be a finite number.");
        check.Defined("resize", Resize);
    }
}
