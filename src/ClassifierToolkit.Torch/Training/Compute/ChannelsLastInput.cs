using static TorchSharp.torch;

namespace ClassifierToolkit.Torch.Training.Compute;

/// <summary>
/// A batch laid out channels-last (NHWC strides), so libtorch runs every convolution it reaches channels-last: a
/// convolution follows its input's layout, and so does every activation after it. oneDNN then convolves without
/// reordering each activation into its blocked layout and back. The weights may stay NCHW; oneDNN reorders them anyway.
/// </summary>
internal static class ChannelsLastInput
{
    /// <summary><paramref name="images"/> <c>[N, C, H, W]</c> with NHWC strides: the same values, laid out channels-last.</summary>
    public static Tensor Of(Tensor images)
    {
        var (n, c, h, w) = (images.shape[0], images.shape[1], images.shape[2], images.shape[3]);
        // One channel is stored alike in both layouts, but libtorch reads the layout from the strides, and only a channel
        // stride of 1 says channels-last (a contiguous [N, 1, H, W] counts as NCHW).
        if (c == 1)
        {
            var contiguous = images.contiguous();
            return contiguous.as_strided([n, c, h, w], [h * w, 1, w, 1], contiguous.storage_offset());
        }
        return images.permute(0, 2, 3, 1).contiguous().permute(0, 3, 1, 2);
    }
}
