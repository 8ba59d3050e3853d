namespace ClassifierToolkit.Data;

/// <summary>Fashion-MNIST: 28×28 grey images of 10 clothing classes, read from IDX files.</summary>
public static class FashionMnist
{
    /// <summary>The name pipelines use for this source.</summary>
    public const string SourceName = "fashion-mnist";

    /// <summary>Training images in the full data set.</summary>
    public const int FullTrainImageCount = 60_000;
    /// <summary>Test images in the full data set.</summary>
    public const int FullTestImageCount = 10_000;

    /// <summary>The class names, indexed by label.</summary>
    public static IReadOnlyList<string> ClassNames { get; } =
        ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];

    /// <summary>
    /// Loads a split from the folder <see cref="FashionMnistLocator"/> finds (or downloads, or its bundled sample);
    /// callers that must know which copy was used call <see cref="FashionMnistLocator.Find"/> and <see cref="LoadFrom"/>.
    /// </summary>
    public static LabeledImageSet Load(DataSplitKind split, FashionMnistLocator? locator = null, int? limit = null)
    {
        var folder = (locator ?? new FashionMnistLocator()).Locate();
        return LoadFrom(folder, split, limit);
    }

    /// <summary>Loads a split from a folder holding the four IDX files.</summary>
    public static LabeledImageSet LoadFrom(string folder, DataSplitKind split, int? limit = null)
    {
        var prefix = Prefix(split);
        var images = IdxReader.ReadImages(FashionMnistFiles.Find(folder, $"{prefix}-images-idx3-ubyte"));
        var labels = IdxReader.ReadLabels(FashionMnistFiles.Find(folder, $"{prefix}-labels-idx1-ubyte"));
        if (images.Pixels.Length != labels.Length * images.Height * images.Width)
            throw new InvalidDataException($"'{folder}': the {prefix} image file holds {images.Pixels.Length / (images.Height * images.Width)} images but the label file {labels.Length} labels.");
        return new LabeledImageSet(images.Pixels, labels, 1, images.Height, images.Width, ClassNames).Take(limit);
    }

    /// <summary>True when <paramref name="folder"/> holds the four IDX files (train/t10k images and labels, gzip or plain).</summary>
    public static bool HasAllFiles(string folder) => FashionMnistFiles.AllPresent(folder);

    /// <summary>How many images a folder's split holds, read from the IDX header alone.</summary>
    public static int CountImages(string folder, DataSplitKind split) =>
        IdxReader.ReadCount(FashionMnistFiles.Find(folder, $"{Prefix(split)}-images-idx3-ubyte"));

    private static string Prefix(DataSplitKind split) => split == DataSplitKind.Train ? "train" : "t10k";
}
