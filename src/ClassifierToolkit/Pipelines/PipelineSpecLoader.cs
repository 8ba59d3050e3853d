using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ClassifierToolkit.Pipelines;

/// <summary>
/// Reads pipeline files strictly (unknown keys and wrong types are errors naming the JSON path), applies overrides,
/// checks the ranges through <see cref="PipelineSpec.Validate"/>, and writes specs back.
/// </summary>
public static class PipelineSpecLoader
{
    /// <summary>The top-level key of a search file's search space, which the pipeline itself ignores.</summary>
    public const string SearchKey = "search";

    private static readonly JsonSerializerOptions WriteOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
    };

    private static readonly JsonDocumentOptions ReadOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    /// <summary>Reads a pipeline file; relative data paths are resolved against the file's folder.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="PipelineSpecException">The file is malformed; the message names the key and allowed values.</exception>
    public static PipelineSpec Load(string file, PipelineOverrides? overrides = null)
    {
        if (!File.Exists(file)) throw new FileNotFoundException($"Pipeline file '{file}' does not exist.", file);
        return Parse(File.ReadAllText(file), file, Path.GetDirectoryName(Path.GetFullPath(file)), overrides);
    }

    /// <summary>Parses pipeline JSON; <paramref name="file"/> names it in errors.</summary>
    public static PipelineSpec Parse(string json, string file = "<pipeline>", string? baseDirectory = null, PipelineOverrides? overrides = null)
    {
        var root = ParseObject(json, file);
        overrides?.ApplyTo(root, file);
        return Read(root, file, baseDirectory);
    }

    /// <summary>Parses JSON text into an object node, with the loader's comment and trailing-comma rules.</summary>
    /// <exception cref="PipelineSpecException">Not valid JSON, or not an object.</exception>
    public static JsonObject ParseObject(string json, string file)
    {
        try
        {
            return JsonNode.Parse(json, documentOptions: ReadOptions) as JsonObject
                ?? throw new PipelineSpecException(file, "$", "expected a JSON object at the top level.");
        }
        catch (JsonException e)
        {
            throw new PipelineSpecException(file, "$", $"not valid JSON ({e.Message}).", e);
        }
    }

    /// <summary>Reads a pipeline from a parsed JSON object (overrides already applied).</summary>
    public static PipelineSpec Read(JsonObject json, string file, string? baseDirectory = null)
    {
        using var document = JsonDocument.Parse(json.ToJsonString());
        var root = new JsonSection(document.RootElement, file, "$", ["version", "name", "description", "data", "input", "model", "training", "transfer", SearchKey]);
        var version = root.Integer("version") ?? throw root.Error("version", $"missing; this build reads version {PipelineSpec.CurrentVersion}.");
        var defaults = new PipelineSpec();
        var spec = new PipelineSpec
        {
            Version = version,
            Name = root.String("name") ?? defaults.Name,
            Description = root.String("description"),
            Data = ReadData(root.Section("data", ["source", "path", "testPath", "validationFraction", "seed", "trainLimit", "testLimit", "strict"]), baseDirectory),
            Input = ReadInput(root.Section("input", ["size", "width", "height", "channels", "mean", "std", "resize"])),
            Model = ReadModel(root.Section("model", ["name", "activation", "settings"])),
            Training = ReadTraining(root.Section("training", ["optimizer", "learningRate", "momentum", "nesterov", "weightDecay", "schedule",
                "labelSmoothing", "gradientClipNorm", "augmentation", "earlyStopping", "keepBest", "checkpointEvery", "tensorBoard", "precision", "memoryFormat",
                "batchSize", "epochs", "seed", "device"])),
            Transfer = ReadTransfer(root.Section("transfer", ["weights", "mode", "headEpochs", "unfreezeStages", "backboneLearningRateFactor",
                "featureCache", "reuseCachedFeatures"]), baseDirectory),
            SourceFile = file,
        };
        spec.Validate();
        return spec;
    }

    /// <summary>Writes <paramref name="spec"/> as pipeline JSON.</summary>
    public static string ToJson(PipelineSpec spec) => JsonSerializer.Serialize(spec, WriteOptions);

    private static DataSpec ReadData(JsonSection? section, string? baseDirectory)
    {
        var d = new DataSpec();
        if (section is null) return d;
        return new DataSpec
        {
            Source = section.String("source", DataSpec.Sources) ?? d.Source,
            Path = Resolve(section.String("path"), baseDirectory),
            TestPath = Resolve(section.String("testPath"), baseDirectory),
            ValidationFraction = section.Number("validationFraction") ?? d.ValidationFraction,
            Seed = section.Integer("seed") ?? d.Seed,
            TrainLimit = section.Integer("trainLimit"),
            TestLimit = section.Integer("testLimit"),
            Strict = section.Bool("strict") ?? d.Strict,
        };
    }

    private static InputSpec ReadInput(JsonSection? section)
    {
        var d = new InputSpec();
        if (section is null) return d;
        // "size" is a square's side: one value a search can move, where width and height would move apart.
        var size = section.Integer("size");
        if (size is not null && (section.Integer("width") is not null || section.Integer("height") is not null))
            throw section.Error("size", "give either size (a square) or width and height, not both.");
        return new InputSpec
        {
            Width = size ?? section.Integer("width") ?? d.Width,
            Height = size ?? section.Integer("height") ?? d.Height,
            Channels = section.Integer("channels") ?? d.Channels,
            Mean = section.Floats("mean") ?? d.Mean,
            Std = section.Floats("std") ?? d.Std,
            Resize = section.Enum<ResizeKind>("resize") ?? d.Resize,
        };
    }

    private static ModelSpec ReadModel(JsonSection? section)
    {
        var d = new ModelSpec();
        if (section is null) return d;
        return new ModelSpec
        {
            Name = section.String("name") ?? d.Name,
            Activation = section.Enum<Activation>("activation") ?? d.Activation,
            Settings = section.NumberMap("settings") ?? d.Settings,
        };
    }

    private static TrainingSpec ReadTraining(JsonSection? section)
    {
        var d = new TrainingSpec();
        if (section is null) return d;
        return new TrainingSpec
        {
            Optimizer = section.Enum<OptimizerKind>("optimizer") ?? d.Optimizer,
            LearningRate = section.Number("learningRate") ?? d.LearningRate,
            Momentum = section.Number("momentum") ?? d.Momentum,
            Nesterov = section.Bool("nesterov") ?? d.Nesterov,
            WeightDecay = section.Number("weightDecay") ?? d.WeightDecay,
            Schedule = ReadSchedule(section.Section("schedule", ["kind", "warmupEpochs", "stepEpochs", "gamma", "minFactor"])),
            LabelSmoothing = section.Number("labelSmoothing") ?? d.LabelSmoothing,
            GradientClipNorm = section.Number("gradientClipNorm"),
            Augmentation = ReadAugmentation(section.Section("augmentation", ["cropPadding", "horizontalFlip", "rotationDegrees", "colorJitter", "randomResizedCrop", "randomErasing"])),
            EarlyStopping = ReadEarlyStopping(section.Section("earlyStopping", ["metric", "patience", "minDelta"])),
            KeepBest = section.Enum<MonitoredMetric>("keepBest"),
            CheckpointEvery = section.Integer("checkpointEvery"),
            TensorBoard = section.Bool("tensorBoard") ?? d.TensorBoard,
            BatchSize = section.Integer("batchSize") ?? d.BatchSize,
            Epochs = section.Integer("epochs") ?? d.Epochs,
            Seed = section.Integer("seed") ?? d.Seed,
            Device = section.Enum<DeviceKind>("device") ?? d.Device,
            Precision = section.Enum<PrecisionKind>("precision") ?? d.Precision,
            MemoryFormat = section.Enum<MemoryFormatKind>("memoryFormat") ?? d.MemoryFormat,
        };
    }

    private static ScheduleSpec ReadSchedule(JsonSection? section)
    {
        var d = new ScheduleSpec();
        if (section is null) return d;
        return new ScheduleSpec
        {
            Kind = section.Enum<ScheduleKind>("kind") ?? d.Kind,
            WarmupEpochs = section.Number("warmupEpochs") ?? d.WarmupEpochs,
            StepEpochs = section.Integer("stepEpochs") ?? d.StepEpochs,
            Gamma = section.Number("gamma") ?? d.Gamma,
            MinFactor = section.Number("minFactor") ?? d.MinFactor,
        };
    }

    private static AugmentationSpec ReadAugmentation(JsonSection? section)
    {
        var d = new AugmentationSpec();
        if (section is null) return d;
        return new AugmentationSpec
        {
            CropPadding = section.Integer("cropPadding") ?? d.CropPadding,
            HorizontalFlip = section.Bool("horizontalFlip") ?? d.HorizontalFlip,
            RotationDegrees = section.Number("rotationDegrees") ?? d.RotationDegrees,
            ColorJitter = section.Number("colorJitter") ?? d.ColorJitter,
            RandomResizedCrop = section.Number("randomResizedCrop") ?? d.RandomResizedCrop,
            RandomErasing = section.Number("randomErasing") ?? d.RandomErasing,
        };
    }

    private static EarlyStoppingSpec? ReadEarlyStopping(JsonSection? section)
    {
        if (section is null) return null;
        var d = new EarlyStoppingSpec();
        return new EarlyStoppingSpec
        {
            Metric = section.Enum<MonitoredMetric>("metric") ?? d.Metric,
            Patience = section.Integer("patience") ?? d.Patience,
            MinDelta = section.Number("minDelta") ?? d.MinDelta,
        };
    }

    private static TransferSpec? ReadTransfer(JsonSection? section, string? baseDirectory)
    {
        if (section is null) return null;
        var d = new TransferSpec();
        return new TransferSpec
        {
            Weights = section.String("weights") is { } weights && TransferSpec.IsImageNet(weights) ? TransferSpec.ImageNetWeights
                : Resolve(section.String("weights"), baseDirectory) ?? d.Weights,
            Mode = section.Enum<TransferMode>("mode") ?? d.Mode,
            HeadEpochs = section.Integer("headEpochs") ?? d.HeadEpochs,
            UnfreezeStages = section.Integer("unfreezeStages"),
            BackboneLearningRateFactor = section.Number("backboneLearningRateFactor") ?? d.BackboneLearningRateFactor,
            FeatureCache = Resolve(section.String("featureCache"), baseDirectory),
            ReuseCachedFeatures = section.Bool("reuseCachedFeatures") ?? d.ReuseCachedFeatures,
        };
    }

    private static string? Resolve(string? path, string? baseDirectory) =>
        path is null || baseDirectory is null || Path.IsPathRooted(path) ? path : Path.GetFullPath(Path.Combine(baseDirectory, path));
}
