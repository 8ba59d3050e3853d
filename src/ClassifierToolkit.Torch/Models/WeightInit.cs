using static TorchSharp.torch;

namespace ClassifierToolkit.Torch.Models;

/// <summary>Weight initializers the models share.</summary>
internal static class WeightInit
{
    private const int MaxRedraws = 20;

    /// <summary>
    /// Fills <paramref name="tensor"/> in place from N(0, std²) truncated to ±2·std, redrawing values outside.
    /// Written here because TorchSharp 0.107's <c>nn.init.trunc_normal_</c> fills every element with the same value,
    /// which leaves all units of a layer identical and the network unable to break the symmetry.
    /// </summary>
    public static void TruncatedNormal(Tensor tensor, double std)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        tensor.normal_(0, std);
        for (int i = 0; i < MaxRedraws; i++)
        {
            var outside = tensor.abs().gt(2 * std);
            if (!outside.any().item<bool>()) return;
            tensor.copy_(where(outside, randn_like(tensor).mul_(std), tensor));
        }
        tensor.clamp_(-2 * std, 2 * std);
    }
}
