using System.Globalization;
using ClassifierToolkit.Data;

namespace ClassifierToolkit.Cli.New;

/// <summary>
/// The network input <c>ctk new</c> picks from the data: one channel when the pictures are grey; a square side near the
/// images' median size, capped so a CPU trains it within minutes (larger when pretrained weights carry the work);
/// centre-cropped when the images are far from square.
/// </summary>
/// <param name="Side">Width and height in pixels.</param>
/// <param name="Channels">1 (grey) or 3 (RGB).</param>
/// <param name="CenterCrop">Keep the aspect ratio and cut out the centre instead of stretching.</param>
/// <param name="Reason">Why, in a sentence for the console and the report.</param>
internal sealed record InputChoice(int Side, int Channels, bool CenterCrop, string Reason)
{
    /// <summary>The largest side trained from scratch: the CNN and CIFAR ResNets' sweet spot on a CPU.</summary>
    public const int ScratchCap = 64;
    /// <summary>The largest side fine-tuned from pretrained weights.</summary>
    public const int TransferCap = 128;
    private const int Smallest = 16;

    /// <summary>Picks the input for <paramref name="data"/>.</summary>
    public static InputChoice For(ImageFolderSummary data, bool pretrained)
    {
        int cap = pretrained ? TransferCap : ScratchCap;
        int median = (int)Math.Round(Math.Sqrt((double)data.MedianWidth * data.MedianHeight));
        // Multiples of 4 keep the networks' stride-2 stages exact.
        int side = Math.Clamp((median + 2) / 4 * 4, Smallest, cap);
        double aspect = (double)data.MedianWidth / data.MedianHeight;
        bool crop = aspect is < 0.8 or > 1.25;
        int channels = data.MostlyGrey ? 1 : 3;
        var c = CultureInfo.InvariantCulture;
        var reason = string.Create(c, $"{side}×{side} ({(median > cap ? $"median image {data.MedianWidth}×{data.MedianHeight}, capped at {cap} for a CPU" : $"median image {data.MedianWidth}×{data.MedianHeight}")}), ") +
            (channels == 1 ? string.Create(c, $"grey ({data.GreyImages:N0} of {data.Images:N0} images have grey pixels)") : string.Create(c, $"RGB ({data.Images - data.GreyImages:N0} of {data.Images:N0} images have colour)")) +
            (crop ? string.Create(c, $", centre-cropped (median aspect {aspect:F2})") : "");
        return new InputChoice(side, channels, crop, reason);
    }
}
