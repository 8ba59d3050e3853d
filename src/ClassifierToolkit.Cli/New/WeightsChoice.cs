using System.Globalization;
using ClassifierToolkit.Data;
using ClassifierToolkit.Pipelines;
using ClassifierToolkit.Torch.Transfer.ImageNet;

namespace ClassifierToolkit.Cli.New;

/// <summary>
/// Where <c>ctk new</c> starts: the built-in ImageNet backbone, a weights file of the user's, or nothing (from scratch).
/// <c>--weights auto</c> (the default) takes the backbone for colour or large pictures and scratch for small grey ones,
/// where the Fashion-MNIST searches showed scratch wins.
/// </summary>
/// <param name="Weights">What the search file's <c>transfer.weights</c> gets, or null from scratch.</param>
/// <param name="Pretrained">The model and normalization of <paramref name="Weights"/>, or null.</param>
/// <param name="Reason">Why, in a sentence for the console and the report.</param>
internal sealed record WeightsChoice(string? Weights, PretrainedStart? Pretrained, string Reason)
{
    /// <summary>Decide from the data (the default).</summary>
    public const string Auto = "auto";
    /// <summary>Train from scratch.</summary>
    public const string None = "none";
    /// <summary>Below this median side, grey pictures train from scratch.</summary>
    public const int SmallSide = 48;

    /// <summary>True for the names <c>--weights</c> takes besides a file.</summary>
    public static bool IsName(string? weights) =>
        weights is null || TransferSpec.IsImageNet(weights) || string.Equals(weights, Auto, StringComparison.OrdinalIgnoreCase)
        || string.Equals(weights, None, StringComparison.OrdinalIgnoreCase);

    /// <summary>What a file or explicit name asks for, checked before the folders are read (a wrong file should not wait for them); null for auto.</summary>
    /// <exception cref="FileNotFoundException">The weights (or the built-in weights' file) are missing.</exception>
    /// <exception cref="InvalidDataException">The weights are damaged or fit no registered model.</exception>
    public static WeightsChoice? Requested(string? weights)
    {
        if (weights is null || string.Equals(weights, Auto, StringComparison.OrdinalIgnoreCase)) return null;
        if (string.Equals(weights, None, StringComparison.OrdinalIgnoreCase)) return new(null, null, "from scratch, as --weights none asks");
        if (TransferSpec.IsImageNet(weights)) return new(TransferSpec.ImageNetWeights, PretrainedStart.Of(TransferSpec.ImageNetWeights), $"the built-in ImageNet backbone ({ImageNetWeights.ModelName}), as --weights imagenet asks");
        var start = PretrainedStart.Of(weights);
        return new(weights, start, $"fine-tuning {start.Model} from {weights}");
    }

    /// <summary>The automatic choice for <paramref name="train"/>.</summary>
    public static WeightsChoice For(ImageFolderSummary train)
    {
        var c = CultureInfo.InvariantCulture;
        int median = train.MedianSide;
        if (train.MostlyGrey && median < SmallSide)
            return new(null, null, string.Create(c, $"from scratch: small grey pictures (median {train.MedianWidth}×{train.MedianHeight}), where small networks trained from scratch beat ImageNet features; --weights imagenet to try the backbone"));
        var why = train.MostlyGrey ? string.Create(c, $"the pictures are large (median {train.MedianWidth}×{train.MedianHeight})") : "the pictures are in colour";
        return ImageNet($"{why}, where pretrained features beat training from scratch; --weights none to train from scratch");
    }

    /// <summary>The built-in ImageNet backbone, chosen because of <paramref name="why"/>; from scratch, saying so, when its weights cannot be read.</summary>
    public static WeightsChoice ImageNet(string why)
    {
        try
        {
            return new(TransferSpec.ImageNetWeights, PretrainedStart.Of(TransferSpec.ImageNetWeights), $"the built-in ImageNet backbone ({ImageNetWeights.ModelName}): {why}");
        }
        catch (Exception e) when (e is FileNotFoundException or InvalidDataException)
        {
            return new(null, null, $"from scratch, because the built-in ImageNet weights cannot be read: {e.Message}");
        }
    }
}
