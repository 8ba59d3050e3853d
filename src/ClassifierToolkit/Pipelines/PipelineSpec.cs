namespace ClassifierToolkit.Pipelines;

/// <summary>A pipeline file: where the data comes from, how images become tensors, which model, how to train.</summary>
public sealed record PipelineSpec
{
    /// <summary>The format version this build reads and writes.</summary>
    public const int CurrentVersion = 1;

    /// <summary>Format version (must be <see cref="CurrentVersion"/>).</summary>
    public int Version { get; init; } = CurrentVersion;
    /// <summary>Short name, used for run folders and reports.</summary>
    public string Name { get; init; } = "pipeline";
    /// <summary>Free text.</summary>
    public string? Description { get; init; }
    /// <summary>Data source and split.</summary>
    public DataSpec Data { get; init; } = new();
    /// <summary>Image size, channels and normalization.</summary>
    public InputSpec Input { get; init; } = new();
    /// <summary>The model and its options.</summary>
    public ModelSpec Model { get; init; } = new();
    /// <summary>The training recipe.</summary>
    public TrainingSpec Training { get; init; } = new();
}
