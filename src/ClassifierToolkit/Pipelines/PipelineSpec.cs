using System.Text.Json.Serialization;

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
    /// <summary>Pretrained weights to start from; null trains from scratch.</summary>
    public TransferSpec? Transfer { get; init; }
    /// <summary>The file this spec was read from (named in errors), or <see cref="SpecCheck.CodeSource"/>; not written.</summary>
    [JsonIgnore]
    public string SourceFile { get; init; } = SpecCheck.CodeSource;

    /// <summary>Checks every section; the loader calls this, and so does every trainer before it loads data.</summary>
    /// <exception cref="PipelineSpecException">A value is not allowed; names the file and the JSON path.</exception>
    public void Validate()
    {
        var root = new SpecCheck(SourceFile, "$");
        if (Version != CurrentVersion) throw root.Error("version", $"version {Version} is not supported; this build reads version {CurrentVersion}.");
        Data.Validate(root.Section("data"));
        Input.Validate(root.Section("input"));
        Model.Validate(root.Section("model"));
        Training.Validate(root.Section("training"));
        Transfer?.Validate(root.Section("transfer"));
    }
}
