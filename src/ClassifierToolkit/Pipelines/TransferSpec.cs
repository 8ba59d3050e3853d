namespace ClassifierToolkit.Pipelines;

/// <summary>
/// Start from pretrained weights instead of from scratch: the pipeline file's <c>transfer</c> section. Weights come from
/// local files only (a <c>.safetensors</c> file with torchvision/timm names, or a <c>.zip</c> saved by the toolkit), never a download.
/// </summary>
public sealed record TransferSpec
{
    /// <summary>The name that asks for the built-in ImageNet weights (those of the <c>resnet-mlnet</c> model) instead of a file.</summary>
    public const string ImageNetWeights = "imagenet";

    /// <summary>The pretrained weights: <c>"imagenet"</c> (built in), a <c>.safetensors</c> file or a toolkit model <c>.zip</c>.</summary>
    public string Weights { get; init; } = "";

    /// <summary>True when <paramref name="weights"/> asks for the built-in ImageNet weights rather than a file.</summary>
    public static bool IsImageNet(string? weights) => string.Equals(weights?.Trim(), ImageNetWeights, StringComparison.OrdinalIgnoreCase);
    /// <summary>Bottleneck (frozen backbone, cached features) or fine-tune.</summary>
    public TransferMode Mode { get; init; } = TransferMode.Finetune;
    /// <summary>Fine-tune: epochs at the start that train the head only, the backbone frozen.</summary>
    public int HeadEpochs { get; init; } = 1;
    /// <summary>Fine-tune: how many of the backbone's last stages train after the head epochs; null trains all of it.</summary>
    public int? UnfreezeStages { get; init; }
    /// <summary>Fine-tune: the backbone's learning rate as a fraction of the head's.</summary>
    public double BackboneLearningRateFactor { get; init; } = 0.1;
    /// <summary>Bottleneck: where computed features are cached; null uses the toolkit's cache folder.</summary>
    public string? FeatureCache { get; init; }
    /// <summary>Bottleneck: reuse cached features whose key (image contents, weights, model, input) matches.</summary>
    public bool ReuseCachedFeatures { get; init; } = true;

    /// <summary>Checks the values (the weights file itself is checked when it is read).</summary>
    /// <exception cref="PipelineSpecException">A value is not allowed; names its path.</exception>
    public void Validate(SpecCheck? check = null)
    {
        check ??= new SpecCheck(SpecCheck.CodeSource, "$.transfer");
        if (string.IsNullOrWhiteSpace(Weights))
            throw check.Error("weights", $"must be \"{ImageNetWeights}\" (the built-in ImageNet weights) or name a local weights file: a .safetensors file (torchvision/timm names) or a model .zip saved by the toolkit.");
        check.Defined("mode", Mode);
        check.AtLeast("headEpochs", HeadEpochs, 0);
        if (UnfreezeStages is { } stages) check.AtLeast("unfreezeStages", stages, 1);
        check.RangeAboveMin("backboneLearningRateFactor", BackboneLearningRateFactor, 0, 10);
    }
}
