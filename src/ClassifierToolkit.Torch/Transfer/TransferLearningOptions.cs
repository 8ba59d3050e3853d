using ClassifierToolkit.Pipelines;
using ClassifierToolkit.Torch.Models.Registry;
using ClassifierToolkit.Torch.Training;

namespace ClassifierToolkit.Torch.Transfer;

/// <summary>
/// Transfer learning in the words of ML.NET's <c>ImageClassificationTrainer.Options</c> (<c>Arch</c>, <c>Epoch</c> — called
/// <see cref="Epochs"/> here, the toolkit's one name for the count —, <c>BatchSize</c>, <c>LearningRate</c>, <c>LearningRateScheduler</c>, <c>EarlyStoppingCriteria</c>, <c>WorkspacePath</c>,
/// reuse of cached features), mapped onto the trainer's own settings, whose defaults it takes. What ML.NET puts in its
/// options but only lives while a fit runs (validation set, metrics callback) is passed to the fit instead:
/// <c>FitWithDetails(train, validation, new TrainingControl { Callbacks = ... })</c>.
/// </summary>
public sealed class TransferLearningOptions
{
    private static readonly TrainingSpec TrainingDefaults = new();
    private static readonly TransferSpec TransferDefaults = new();

    /// <summary>The defaults both catalog overloads share.</summary>
    public static class Defaults
    {
        /// <summary>The ImageNet ResNet whose weights come with the toolkit.</summary>
        public const TransferArchitecture Arch = TransferArchitecture.ResNetMlNet;
    }

    /// <summary>The pretrained network.</summary>
    public TransferArchitecture Arch { get; set; } = Defaults.Arch;
    /// <summary>The pretrained weights: null for the built-in ImageNet weights (<see cref="TransferArchitecture.ResNetMlNet"/> only),
    /// else a local <c>.safetensors</c> file (torchvision/timm names) or a toolkit model <c>.zip</c>. Never downloaded.</summary>
    public string? WeightsPath { get; set; }
    /// <summary>Bottleneck (frozen backbone, cached features, head only) or fine-tune.</summary>
    public TransferMode Mode { get; set; } = TransferDefaults.Mode;
    /// <summary>Epochs in all (fine-tune: the head-only epochs included).</summary>
    public int Epochs { get; set; } = TrainingDefaults.Epochs;
    /// <summary>Images per optimizer step.</summary>
    public int BatchSize { get; set; } = TrainingDefaults.BatchSize;
    /// <summary>The head's (peak) learning rate.</summary>
    public double LearningRate { get; set; } = TrainingDefaults.LearningRate;
    /// <summary>How the learning rate moves over the epochs.</summary>
    public ScheduleSpec LearningRateScheduler { get; set; } = TrainingDefaults.Schedule;
    /// <summary>Fine-tune: head-only epochs before the backbone joins.</summary>
    public int HeadEpochs { get; set; } = TransferDefaults.HeadEpochs;
    /// <summary>Fine-tune: the backbone's learning rate as a fraction of <see cref="LearningRate"/>.</summary>
    public double BackboneLearningRateFactor { get; set; } = TransferDefaults.BackboneLearningRateFactor;
    /// <summary>ML.NET's workspace: where bottleneck features are cached and images too many for memory are spilled; null uses the toolkit's cache folder and the temporary folder.</summary>
    public string? WorkspacePath { get; set; }
    /// <summary>Bottleneck: reuse cached features whose content key matches (never stale ones).</summary>
    public bool ReuseCachedFeatures { get; set; } = TransferDefaults.ReuseCachedFeatures;
    /// <summary>The column holding the class names.</summary>
    public string LabelColumnName { get; set; } = ColumnNames.Label;
    /// <summary>Per-channel mean of [0, 1] pixels the weights expect; null takes the architecture's (ImageNet's for torchvision ResNets).</summary>
    public float[]? Mean { get; set; }
    /// <summary>Per-channel std the weights expect; null takes the architecture's.</summary>
    public float[]? Std { get; set; }
    /// <summary>Seeds the head's initialization and the shuffling.</summary>
    public int Seed { get; set; } = TrainingDefaults.Seed;

    /// <summary>The trainer's settings these options stand for.</summary>
    /// <exception cref="ArgumentException">No weights file for an architecture whose weights do not ship.</exception>
    public ImageClassifierTrainer.Options ToTrainerOptions()
    {
        var model = ModelName(Arch);
        var weights = WeightsPath ?? (Arch == TransferArchitecture.ResNetMlNet ? ImageNet.ImageNetWeights.Name
            : throw new ArgumentException($"{Arch}'s weights do not come with the toolkit: set {nameof(WeightsPath)} to its .safetensors file, " +
                $"or use {nameof(TransferArchitecture)}.{nameof(TransferArchitecture.ResNetMlNet)}, whose ImageNet weights are built in.", nameof(WeightsPath)));
        var card = ModelRegistry.Default.CardOf(model);
        return new ImageClassifierTrainer.Options
        {
            Model = new ModelSpec { Name = model },
            Training = TrainingDefaults with { Epochs = Epochs, BatchSize = BatchSize, LearningRate = LearningRate, Schedule = LearningRateScheduler, Seed = Seed },
            Transfer = new TransferSpec
            {
                Weights = weights, Mode = Mode, HeadEpochs = HeadEpochs, BackboneLearningRateFactor = BackboneLearningRateFactor,
                FeatureCache = WorkspacePath, ReuseCachedFeatures = ReuseCachedFeatures,
            },
            LabelColumnName = LabelColumnName,
            WorkspacePath = WorkspacePath,
            Mean = Mean ?? card.Mean?.ToArray() ?? [0f],
            Std = Std ?? card.Std?.ToArray() ?? [1f],
        };
    }

    /// <summary>The registered model of <paramref name="arch"/>.</summary>
    public static string ModelName(TransferArchitecture arch) => arch switch
    {
        TransferArchitecture.ResNetMlNet => ImageNet.ImageNetWeights.ModelName,
        TransferArchitecture.ResNet18 => "resnet18",
        TransferArchitecture.ResNet34 => "resnet34",
        TransferArchitecture.ResNet50 => "resnet50",
        _ => throw new ArgumentOutOfRangeException(nameof(arch), arch, $"Not a {nameof(TransferArchitecture)}."),
    };
}
