using ClassifierToolkit.Torch.Models.Registry;
using ClassifierToolkit.Torch.Transfer;
using ClassifierToolkit.Torch.Transfer.ImageNet;

namespace ClassifierToolkit.Cli.New;

/// <summary>
/// What fine-tuning from a weights file needs besides the file: the model it belongs to and the input normalization it
/// was trained with — a toolkit model's own (stored in its network), else ImageNet's, which torchvision and timm weights expect.
/// </summary>
/// <param name="Model">The registered model.</param>
/// <param name="Mean">Per-channel mean.</param>
/// <param name="Std">Per-channel standard deviation.</param>
internal sealed record PretrainedStart(string Model, IReadOnlyList<float> Mean, IReadOnlyList<float> Std)
{
    /// <summary>Reads <paramref name="weightsPath"/>.</summary>
    /// <exception cref="InvalidDataException">No registered model fits the weights; says which came closest.</exception>
    public static PretrainedStart Of(string weightsPath)
    {
        if (ImageNetWeights.IsName(weightsPath))
        {
            _ = ImageNetWeights.NetworkPath; // present and unaltered, or a clear error now rather than after the folders' check
            return new PretrainedStart(ImageNetWeights.ModelName, ImageNetWeights.Mean, ImageNetWeights.Std);
        }
        var weights = PretrainedWeights.Read(weightsPath);
        var model = WeightsModel.Identify(weights);
        return weights.TryGetValue("normalize.mean", out var mean) && weights.TryGetValue("normalize.std", out var std)
            ? new PretrainedStart(model, mean.Values, std.Values)
            : new PretrainedStart(model, ModelCards.ImageNet224.Mean!, ModelCards.ImageNet224.Std!);
    }
}
