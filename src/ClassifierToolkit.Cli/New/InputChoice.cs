using System.Globalization;
using ClassifierToolkit.Data;
using ClassifierToolkit.Torch.Transfer.ImageNet;

namespace ClassifierToolkit.Cli.New;

/// <summary>
/// The network input <c>ctk new</c> picks from the data: one channel when the pictures are grey; a square side near the
/// images' median size, capped so a CPU trains it within minutes (larger when pretrained weights carry the work);
/// centre-cropped when the images are far from square. The built-in ImageNet backbone gets RGB at a side of its own
/// choosing, whatever the pictures' size, by the time the search has (see <see cref="ImageNetSides"/>).
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

    /// <summary>Pictures of this median side or less get the built-in backbone's smallest side: a larger one adds cost, not detail.</summary>
    public const int ImageNetSmallPictures = 64;
    /// <summary>The built-in ImageNet backbone's side: the size its features were learnt at, when the search has the time.</summary>
    public const int ImageNetSide = 224;
    /// <summary>
    /// The built-in backbone's sides by the search time they need: the smaller, the more epochs fit and the faster the model
    /// scores. On the clip-art benchmark (10 minutes, 2 cores) 128 px matched 160 px in accuracy (0.776 against 0.767, one
    /// seed each), scored 1.3× faster and trained in 5.6 GB instead of 9.0; each step up costs about 1.6× the time.
    /// </summary>
    public static readonly IReadOnlyList<(TimeSpan From, int Side)> ImageNetSides =
        [(TimeSpan.Zero, 128), (TimeSpan.FromMinutes(15), 160), (TimeSpan.FromMinutes(25), ImageNetSide)];

    /// <summary>Picks the input for <paramref name="data"/>, starting from <paramref name="pretrained"/> (null: from scratch).</summary>
    public static InputChoice For(ImageFolderSummary data, PretrainedStart? pretrained, TimeSpan searchTime)
    {
        if (pretrained?.Model == ImageNetWeights.ModelName) return ForImageNet(data, searchTime);
        int cap = pretrained is not null ? TransferCap : ScratchCap;
        int median = data.MedianSide;
        // Multiples of 4 keep the networks' stride-2 stages exact.
        int side = Math.Clamp((median + 2) / 4 * 4, Smallest, cap);
        var (crop, cropReason) = CropFor(data);
        int channels = data.MostlyGrey ? 1 : 3;
        var c = CultureInfo.InvariantCulture;
        var reason = string.Create(c, $"{side}×{side} ({(median > cap ? $"median image {data.MedianWidth}×{data.MedianHeight}, capped at {cap} for a CPU" : $"median image {data.MedianWidth}×{data.MedianHeight}")}), ") +
            (channels == 1 ? string.Create(c, $"grey ({data.GreyImages:N0} of {data.Images:N0} images have grey pixels)") : string.Create(c, $"RGB ({data.Images - data.GreyImages:N0} of {data.Images:N0} images have colour)")) +
            cropReason;
        return new InputChoice(side, channels, crop, reason);
    }

    private static InputChoice ForImageNet(ImageFolderSummary data, TimeSpan searchTime)
    {
        bool small = data.MedianSide <= ImageNetSmallPictures;
        int side = small ? ImageNetSides[0].Side : ImageNetSides.Last(step => searchTime >= step.From).Side;
        var larger = ImageNetSides.FirstOrDefault(step => step.Side > side);
        var (crop, cropReason) = CropFor(data);
        var c = CultureInfo.InvariantCulture;
        // The run's time, not the search's, is what a user gives: inspection and the finish reserve come on top.
        var why = side == ImageNetSide ? "the size its features were learnt at"
            : small ? "its smallest: the pictures are small"
            : string.Create(c, $"a CPU fine-tunes more epochs at this size in the time; {larger.Side} from --train-time {larger.From.TotalMinutes + 2:F0}m");
        var reason = string.Create(c, $"{side}×{side} RGB for the ImageNet backbone ({why}; median image {data.MedianWidth}×{data.MedianHeight})") + cropReason;
        return new InputChoice(side, 3, crop, reason);
    }

    // Centre-crop when the median picture is far from square (beyond 4:5), and the words that say so.
    private static (bool Crop, string Reason) CropFor(ImageFolderSummary data)
    {
        double aspect = (double)data.MedianWidth / data.MedianHeight;
        bool crop = aspect is < 0.8 or > 1.25;
        return (crop, crop ? string.Create(CultureInfo.InvariantCulture, $", centre-cropped (median aspect {aspect:F2})") : "");
    }

    /// <summary>This choice at <paramref name="side"/> pixels when one is asked for (<c>--image-size</c>).</summary>
    /// <exception cref="ArgumentException">A side below 16 or above 1024.</exception>
    public InputChoice WithSide(int? side)
    {
        if (side is not { } asked) return this;
        if (asked is < Smallest or > 1024)
            throw new ArgumentException($"--image-size {asked} is outside {Smallest}–1024 pixels.");
        return this with { Side = asked, Reason = string.Create(CultureInfo.InvariantCulture, $"{asked}×{asked}, as --image-size asks (the choice would have been {Reason})") };
    }
}
