using static TorchSharp.torch;

namespace ClassifierToolkit.Torch.Transfer;

/// <summary>
/// Fits a pretrained convolution's input channels to another channel count: grey from RGB by summing over the input
/// channels (timm's rule: a grey image replicated to RGB gives the same response); other counts by repeating the
/// channels and rescaling so the response to a uniform image keeps its size.
/// </summary>
internal static class ChannelAdaptation
{
    /// <summary>True when <paramref name="pretrained"/> and <paramref name="target"/> are conv weights differing only in input channels.</summary>
    public static bool Applies(long[] pretrained, long[] target) =>
        pretrained.Length == 4 && target.Length == 4 && pretrained[1] != target[1]
        && pretrained[0] == target[0] && pretrained[2] == target[2] && pretrained[3] == target[3];

    /// <summary>The weight <c>[out, in, kh, kw]</c> with <paramref name="channels"/> input channels.</summary>
    public static Tensor Adapt(Tensor weight, long channels)
    {
        long have = weight.shape[1];
        if (channels == 1) return weight.sum(1, keepdim: true);
        long repeats = (channels + have - 1) / have;
        return weight.repeat(1, repeats, 1, 1).narrow(1, 0, channels).mul(have / (double)channels);
    }
}
