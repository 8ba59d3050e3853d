using System.Text.Json;
using System.Text.Json.Serialization;

namespace ClassifierToolkit.Pipelines;

/// <summary>Reads pipeline files strictly (unknown keys and bad values are errors) and writes them back.</summary>
public static class PipelineSpecLoader
{
    private static readonly JsonSerializerOptions WriteOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Reads a pipeline file; relative data paths are resolved against the file's folder.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="PipelineSpecException">The file is malformed; the message names the key and allowed values.</exception>
    public static PipelineSpec Load(string file)
    {
        if (!File.Exists(file)) throw new FileNotFoundException($"Pipeline file '{file}' does not exist.", file);
        return Parse(File.ReadAllText(file), file, Path.GetDirectoryName(Path.GetFullPath(file)));
    }

    /// <summary>Parses pipeline JSON; <paramref name="file"/> names it in errors.</summary>
    public static PipelineSpec Parse(string json, string file = "<pipeline>", string? baseDirectory = null)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new PipelineSpecException(file, "$", $"not valid JSON ({e.Message}).", e);
        }
        using (document)
        {
            var root = new JsonSection(document.RootElement, file, "$", ["version", "name", "description", "data", "input", "model", "training"]);
            var version = root.Integer("version", 1) ?? throw root.Error("version", $"missing; this build reads version {PipelineSpec.CurrentVersion}.");
            if (version != PipelineSpec.CurrentVersion)
                throw root.Error("version", $"version {version} is not supported; this build reads version {PipelineSpec.CurrentVersion}.");
            var defaults = new PipelineSpec();
            return new PipelineSpec
            {
                Version = version,
                Name = root.String("name") ?? defaults.Name,
                Description = root.String("description"),
                Data = ReadData(root.Section("data", ["source", "path", "testPath", "validationFraction", "seed", "trainLimit", "testLimit"]), baseDirectory),
                Input = ReadInput(root.Section("input", ["width", "height", "channels", "mean", "std"])),
                Model = ReadModel(root.Section("model", ["name", "activation", "settings"])),
                Training = ReadTraining(root.Section("training", ["optimizer", "learningRate", "momentum", "nesterov", "weightDecay", "schedule",
                    "labelSmoothing", "gradientClipNorm", "augmentation", "earlyStopping", "keepBest", "checkpointEvery", "tensorBoard",
                    "batchSize", "epochs", "seed", "device"])),
            };
        }
    }

    /// <summary>Writes <paramref name="spec"/> as pipeline JSON.</summary>
    public static string ToJson(PipelineSpec spec) => JsonSerializer.Serialize(spec, WriteOptions);

    private static DataSpec ReadData(JsonSection? section, string? baseDirectory)
    {
        var d = new DataSpec();
        if (section is null) return d;
        var source = section.String("source", DataSpec.Sources) ?? d.Source;
        var path = Resolve(section.String("path"), baseDirectory);
        if (source == "folder" && path is null) throw section.Error("path", "a 'folder' source needs the training image folder in 'path'.");
        return new DataSpec
        {
            Source = source,
            Path = path,
            TestPath = Resolve(section.String("testPath"), baseDirectory),
            ValidationFraction = section.Number("validationFraction", 0, 0.9) ?? d.ValidationFraction,
            Seed = section.Integer("seed", int.MinValue) ?? d.Seed,
            TrainLimit = section.Integer("trainLimit", 1),
            TestLimit = section.Integer("testLimit", 1),
        };
    }

    private static InputSpec ReadInput(JsonSection? section)
    {
        var d = new InputSpec();
        if (section is null) return d;
        var channels = section.Integer("channels", 1, 3) ?? d.Channels;
        if (channels == 2) throw section.Error("channels", "2 is not allowed. Allowed values: 1 (grey), 3 (RGB).");
        var mean = section.Floats("mean") ?? [.. d.Mean];
        var std = section.Floats("std") ?? [.. d.Std];
        if (mean.Length != 1 && mean.Length != channels) throw section.Error("mean", $"expected 1 or {channels} values, found {mean.Length}.");
        if (std.Length != 1 && std.Length != channels) throw section.Error("std", $"expected 1 or {channels} values, found {std.Length}.");
        if (std.Any(s => !(s > 0))) throw section.Error("std", "every value must be positive.");
        return new InputSpec
        {
            Width = section.Integer("width", 1, 4096) ?? d.Width,
            Height = section.Integer("height", 1, 4096) ?? d.Height,
            Channels = channels,
            Mean = mean,
            Std = std,
        };
    }

    private static ModelSpec ReadModel(JsonSection? section)
    {
        var d = new ModelSpec();
        if (section is null) return d;
        return new ModelSpec
        {
            Name = section.String("name") ?? d.Name,
            Activation = section.String("activation", ModelSpec.Activations) ?? d.Activation,
            Settings = section.NumberMap("settings") ?? d.Settings,
        };
    }

    private static TrainingSpec ReadTraining(JsonSection? section)
    {
        var d = new TrainingSpec();
        if (section is null) return d;
        return new TrainingSpec
        {
            Optimizer = section.String("optimizer", TrainingSpec.Optimizers) ?? d.Optimizer,
            LearningRate = section.Number("learningRate", 0, 10, minExclusive: true) ?? d.LearningRate,
            Momentum = section.Number("momentum", 0, 0.999) ?? d.Momentum,
            Nesterov = section.Bool("nesterov") ?? d.Nesterov,
            WeightDecay = section.Number("weightDecay", 0, 1) ?? d.WeightDecay,
            Schedule = ReadSchedule(section.Section("schedule", ["kind", "warmupEpochs", "stepEpochs", "gamma", "minFactor"])),
            LabelSmoothing = section.Number("labelSmoothing", 0, 0.999) ?? d.LabelSmoothing,
            GradientClipNorm = section.Number("gradientClipNorm", 0, 1e6, minExclusive: true),
            Augmentation = ReadAugmentation(section.Section("augmentation", ["cropPadding", "horizontalFlip", "rotationDegrees", "colorJitter"])),
            EarlyStopping = ReadEarlyStopping(section.Section("earlyStopping", ["metric", "patience", "minDelta"])),
            KeepBest = section.String("keepBest", TrainingSpec.Metrics),
            CheckpointEvery = section.Integer("checkpointEvery", 1),
            TensorBoard = section.Bool("tensorBoard") ?? d.TensorBoard,
            BatchSize = section.Integer("batchSize", 1, 65536) ?? d.BatchSize,
            Epochs = section.Integer("epochs", 1, 100000) ?? d.Epochs,
            Seed = section.Integer("seed", int.MinValue) ?? d.Seed,
            Device = section.String("device", TrainingSpec.Devices) ?? d.Device,
        };
    }

    private static ScheduleSpec ReadSchedule(JsonSection? section)
    {
        var d = new ScheduleSpec();
        if (section is null) return d;
        return new ScheduleSpec
        {
            Kind = section.String("kind", ScheduleSpec.Kinds) ?? d.Kind,
            WarmupEpochs = section.Number("warmupEpochs", 0, 10000, minExclusive: true) ?? d.WarmupEpochs,
            StepEpochs = section.Integer("stepEpochs", 1) ?? d.StepEpochs,
            Gamma = section.Number("gamma", 0, 1, minExclusive: true) ?? d.Gamma,
            MinFactor = section.Number("minFactor", 0, 1) ?? d.MinFactor,
        };
    }

    private static AugmentationSpec ReadAugmentation(JsonSection? section)
    {
        var d = new AugmentationSpec();
        if (section is null) return d;
        return new AugmentationSpec
        {
            CropPadding = section.Integer("cropPadding", 0, 1024) ?? d.CropPadding,
            HorizontalFlip = section.Bool("horizontalFlip") ?? d.HorizontalFlip,
            RotationDegrees = section.Number("rotationDegrees", 0, 180) ?? d.RotationDegrees,
            ColorJitter = section.Number("colorJitter", 0, 0.999) ?? d.ColorJitter,
        };
    }

    private static EarlyStoppingSpec? ReadEarlyStopping(JsonSection? section)
    {
        if (section is null) return null;
        var d = new EarlyStoppingSpec();
        return new EarlyStoppingSpec
        {
            Metric = section.String("metric", TrainingSpec.Metrics) ?? d.Metric,
            Patience = section.Integer("patience", 1) ?? d.Patience,
            MinDelta = section.Number("minDelta", 0, 1e6) ?? d.MinDelta,
        };
    }

    private static string? Resolve(string? path, string? baseDirectory) =>
        path is null || baseDirectory is null || Path.IsPathRooted(path) ? path : Path.GetFullPath(Path.Combine(baseDirectory, path));
}
