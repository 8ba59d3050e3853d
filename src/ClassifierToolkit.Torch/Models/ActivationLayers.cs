using ClassifierToolkit.Pipelines;
using static TorchSharp.torch;

namespace ClassifierToolkit.Torch.Models;

/// <summary>Creates the TorchSharp module for an <see cref="Activation"/>.</summary>
internal static class ActivationLayers
{
    /// <summary>The negative slope of leaky ReLU (PyTorch's default).</summary>
    public const float LeakyReluSlope = 0.01f;

    /// <summary>A new activation module.</summary>
    public static nn.Module<Tensor, Tensor> Create(Activation activation) => activation switch
    {
        Activation.LeakyRelu => nn.LeakyReLU(LeakyReluSlope),
        _ => nn.ReLU(),
    };
}
