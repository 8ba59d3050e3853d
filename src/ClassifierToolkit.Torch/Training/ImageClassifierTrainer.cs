using System.Diagnostics;
using ClassifierToolkit.Pipelines;
using ClassifierToolkit.Prediction;
using ClassifierToolkit.Preprocessing;
using ClassifierToolkit.Torch.Devices;
using ClassifierToolkit.Torch.Export;
using ClassifierToolkit.Torch.Models;
using ClassifierToolkit.Torch.Models.Registry;
using ClassifierToolkit.Torch.Training.Callbacks;
using ClassifierToolkit.Torch.Training.Compute;
using ClassifierToolkit.Torch.Transfer;
using ClassifierToolkit.Training;
using Microsoft.ML;
using Microsoft.ML.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace ClassifierToolkit.Torch.Training;

/// <summary>
/// An ML.NET estimator that trains a registered TorchSharp model on the <c>Pixels</c> and <c>Label</c> columns and
/// fits into a saveable transformer (ONNX network + ML.NET scorer) producing <c>Score</c> and <c>PredictedLabel</c>.
/// </summary>
public sealed class ImageClassifierTrainer : IEstimator<ITransformer>
{
    /// <summary>
    /// The trainer's settings. The model and recipe are the pipeline file's sections, with their defaults and checks. Data and
    /// the runtime objects of a fit (callbacks, resume point, cancellation) are passed to <see cref="FitWithDetails"/>.
    /// </summary>
    public sealed class Options
    {
        /// <summary>The registered model, its activation and settings (defaults: the seed CNN).</summary>
        public ModelSpec Model { get; set; } = new();
        /// <summary>The recipe: optimizer, schedule, regularization, augmentation, batch size, epochs, seed, device.</summary>
        public TrainingSpec Training { get; set; } = new();
        /// <summary>Label column (class names).</summary>
        public string LabelColumnName { get; set; } = ColumnNames.Label;
        /// <summary>Per-channel mean subtracted from [0, 1] pixels (one value or one per channel).</summary>
        public float[] Mean { get; set; } = [0f];
        /// <summary>Per-channel std (one value or one per channel).</summary>
        public float[] Std { get; set; } = [1f];
        /// <summary>Class names in score order; by default the labels found in the training data, sorted.</summary>
        public IReadOnlyList<string>? ClassNames { get; set; }
        /// <summary>Start from pretrained weights (bottleneck or fine-tune); null trains from scratch.</summary>
        public TransferSpec? Transfer { get; set; }
        /// <summary>
        /// Training (or validation) pixels larger than this many bytes are kept in a temporary file in <see cref="WorkspacePath"/>
        /// and read back a batch at a time; null: a quarter of the memory available to the process, at most 2 GB.
        /// </summary>
        public long? InMemoryLimitBytes { get; set; }
        /// <summary>Where images that do not fit in memory are spilled while training; null: the system's temporary folder.</summary>
        public string? WorkspacePath { get; set; }
    }

    // Pixels per chunk when images are streamed (bottleneck transfer): 64 MB, e.g. 85 RGB images at 224×224.
    private const int StreamedChunkBytes = 64 << 20;

    private readonly MLContext _mlContext;
    private readonly Options _options;
    private readonly FitPlan _plan;

    /// <summary>Creates the trainer; options are checked here, not at epoch 37.</summary>
    public ImageClassifierTrainer(MLContext mlContext, Options options)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        ArgumentNullException.ThrowIfNull(options);
        options.Model.Validate();
        if (!ModelRegistry.Default.Contains(options.Model.Name))
            throw new PipelineSpecException(SpecCheck.CodeSource, "$.model.name", ModelRegistry.Default.UnknownNameMessage(options.Model.Name));
        _plan = FitPlan.From(options.Training, options.Transfer);
        _mlContext = mlContext;
        _options = options;
    }

    /// <inheritdoc />
    public ITransformer Fit(IDataView input) => FitWithDetails(input).Transformer;

    /// <summary>Trains on <paramref name="trainData"/>, scoring <paramref name="validationData"/> after every epoch.</summary>
    public ITransformer Fit(IDataView trainData, IDataView? validationData) => FitWithDetails(trainData, validationData).Transformer;

    /// <summary>Trains and returns the transformer together with the history, ONNX bytes and sizes.</summary>
    /// <param name="input">Training rows with <c>Pixels</c> and the label column.</param>
    /// <param name="validationData">Rows (with <c>Pixels</c> and the label) scored after every epoch; early stopping and
    /// best-weights callbacks need them.</param>
    /// <param name="control">Callbacks, a resume point and cancellation for this fit.</param>
    public TrainedClassifier FitWithDetails(IDataView input, IDataView? validationData = null, TrainingControl? control = null)
    {
        control ??= TrainingControl.None;
        var loop = new TrainingLoop(_plan, control.Callbacks);
        loop.ReportData(control);
        var (planes, height, width) = DataViewTensorReader.PixelDimensions(input.Schema, ColumnNames.Pixels);
        var shape = InputShape.FromPixelPlanes(planes, height, width, _options.Mean, _options.Std);
        var classNames = _options.ClassNames ?? DataViewTensorReader.DistinctLabels(input, _options.LabelColumnName);
        if (classNames.Count < 2)
            throw new InvalidDataException(classNames.Count == 0
                ? EmptyTrainingData.Message
                : $"The training data holds one class only ('{classNames[0]}'); a classifier needs at least two.");
        var device = TorchDevices.Resolve(_plan.Recipe.Device);
        using var model = SeededModelFactory.Create(_options.Model.Name, ModelOptions.From(_options.Model, classNames.Count, shape), _plan.Recipe.Seed);
        var transfer = _plan.Transfer;
        if (transfer is not null) PretrainedWeights.LoadInto(model, _options.Model.Name, PretrainedWeights.Read(transfer.Weights), classNames);
        // Made before the model moves to the device, as the fine-tuning plan holds on to its parameters.
        var parameters = transfer is { Mode: TransferMode.Finetune } ? new FineTunePlan(model, transfer) : new ParameterPlan(model);
        model.to(device);
        using var normalization = new InputNormalization(shape, device);
        long parameterCount = model.ParameterCount();
        var clock = Stopwatch.StartNew();
        using IFitMode mode = transfer is { Mode: TransferMode.Bottleneck }
            ? Streamed(model, normalization, shape, classNames, input, validationData, device)
            : InMemory(model, normalization, parameters, shape, classNames, input, validationData);
        var compute = ComputePlan.For(mode.Plan.Recipe, model, device).Choices;
        var start = new TrainingStart(_options.Model.Name, parameterCount, mode.TrainImages, mode.ValidationImages, _plan.Recipe.Epochs,
            device.ToString(), control.Resume?.NextEpoch ?? 1, compute);
        var history = loop.Fit(mode, device, control.Resume, control.CancellationToken, start);
        var seconds = clock.Elapsed.TotalSeconds;
        model.to(CPU).eval();
        var onnx = OnnxExporter.Export(model, shape, new Dictionary<string, string>
        {
            [PretrainedWeights.ModelKey] = ModelRegistry.Default.Resolve(_options.Model.Name),
            [PretrainedWeights.ClassesKey] = string.Join("\n", classNames),
            [ComputeChoices.MetadataKey] = compute.ToJson(),
        });
        var transformer = ServingChain.Create(_mlContext, onnx, classNames, shape);
        return new TrainedClassifier(transformer, onnx, classNames, shape, history, parameterCount, seconds, mode.TrainImages, compute);
    }

    // Bottleneck: streamed, as the frozen backbone sees each image once (or never, on a cache hit), so nothing needs them all in memory.
    private BottleneckFit Streamed(ImageClassifierModule model, InputNormalization normalization, InputShape shape, IReadOnlyList<string> classNames,
        IDataView input, IDataView? validationData, Device device)
    {
        int chunkRows = Math.Max(1, StreamedChunkBytes / (sizeof(float) * shape.Size));
        IEnumerable<TensorDataset> Chunks(IDataView data) =>
            DataViewTensorReader.ReadChunks(data, ColumnNames.Pixels, _options.LabelColumnName, classNames, shape, chunkRows);
        return BottleneckFit.Scan(_plan, model, ModelDescription(shape), normalization, Chunks(input),
            validationData is null ? null : Chunks(validationData), device);
    }

    // Scratch and fine-tuning: the images in memory, or spilled to the workspace when they are too many.
    private WholeModelFit InMemory(ImageClassifierModule model, InputNormalization normalization, ParameterPlan parameters, InputShape shape,
        IReadOnlyList<string> classNames, IDataView input, IDataView? validationData)
    {
        ILabeledTensors Read(IDataView data)
        {
            var read = DataViewTensorReader.ReadWithin(data, ColumnNames.Pixels, _options.LabelColumnName,
                classNames, shape, _options.InMemoryLimitBytes ?? DefaultInMemoryLimitBytes(), _options.WorkspacePath ?? Path.GetTempPath());
            ManagedHeap.ReturnGarbage(); // what reading left behind would otherwise stay for the whole training
            return read;
        }
        var train = Read(input);
        try
        {
            if (train.Count == 0) throw new InvalidDataException(EmptyTrainingData.Message);
            return new WholeModelFit(_plan, model, normalization, train, validationData is null ? null : Read(validationData), parameters, ownsImages: true);
        }
        catch
        {
            train.Dispose();
            throw;
        }
    }

    private static long DefaultInMemoryLimitBytes() => Math.Min(2L << 30, GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 4);

    // What a frozen backbone's features depend on besides the images and the weights file (the feature cache's key).
    private string ModelDescription(InputShape shape) => System.Text.Json.JsonSerializer.Serialize(new
    {
        model = _options.Model.Name, activation = _options.Model.Activation.ToString(), settings = _options.Model.Settings.OrderBy(s => s.Key),
        mean = shape.Mean, std = shape.Std,
    });

    /// <inheritdoc />
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        var pixels = inputSchema.FirstOrDefault(c => c.Name == ColumnNames.Pixels);
        if (pixels.Name is null)
            throw new ArgumentException($"The input has no '{ColumnNames.Pixels}' column; put image preprocessing before the trainer.", nameof(inputSchema));
        if (pixels.Kind != SchemaShape.Column.VectorKind.Vector || pixels.ItemType != NumberDataViewType.Single)
            throw new ArgumentException($"Column '{ColumnNames.Pixels}' must be a known-size vector of Single; it is {pixels.Kind} of {pixels.ItemType}.", nameof(inputSchema));
        if (inputSchema.All(c => c.Name != _options.LabelColumnName))
            throw new ArgumentException($"The input has no '{_options.LabelColumnName}' label column.", nameof(inputSchema));
        var added = new DataViewSchema.Builder();
        added.AddColumn(ColumnNames.Score, new VectorDataViewType(NumberDataViewType.Single));
        added.AddColumn(ColumnNames.PredictedLabel, TextDataViewType.Instance);
        return new SchemaShape(inputSchema.Concat(SchemaShapes.Of(added.ToSchema())));
    }
}
