// Trains the seed CNN on Fashion-MNIST with nothing but TorchSharp, so the toolkit's trainer has a
// ceiling to be compared with. Prints machine-readable RESULT and RESULT_INFER lines at the end.
using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using TorchSharp;
using static TorchSharp.torch;

const string DataDirectory = "/usr/share/datasets/fashion-mnist";
const int BatchSize = 64;
const int Seed = 99;
const int MaxTrainImages = 48_000;

var options = BenchmarkOptions.Parse(args);
if (options.Threads is int threads)
{
    torch.set_num_threads(threads);
}
torch.manual_seed(Seed);

int trainCount = Math.Min(options.Limit, MaxTrainImages);
using var trainImages = FashionMnistIdx.ReadImages(Path.Combine(DataDirectory, "train-images-idx3-ubyte.gz"), trainCount);
using var trainLabels = FashionMnistIdx.ReadLabels(Path.Combine(DataDirectory, "train-labels-idx1-ubyte.gz"), trainCount);
using var testImages = FashionMnistIdx.ReadImages(Path.Combine(DataDirectory, "t10k-images-idx3-ubyte.gz"), 10_000);
using var testLabels = FashionMnistIdx.ReadLabels(Path.Combine(DataDirectory, "t10k-labels-idx1-ubyte.gz"), 10_000);

using var model = SeedCnn.Create();
using var lossFunction = nn.CrossEntropyLoss();
using var optimizer = optim.Adam(model.parameters(), lr: 1e-3);
Console.WriteLine(Invariant($"INFO threads={torch.get_num_threads()} parameters={model.parameters().Sum(p => p.numel())} train_images={trainCount}"));

var random = new Random(Seed);
var order = Enumerable.Range(0, trainCount).Select(i => (long)i).ToArray();
double lastEpochLoss = double.NaN;
var trainingClock = Stopwatch.StartNew();
model.train();
for (int epoch = 1; epoch <= options.Epochs; epoch++)
{
    var epochClock = Stopwatch.StartNew();
    random.Shuffle(order);
    using var permutation = torch.tensor(order);
    double lossSum = 0;
    for (long start = 0; start < trainCount; start += BatchSize)
    {
        using var scope = torch.NewDisposeScope();
        var indices = permutation.narrow(0, start, Math.Min(BatchSize, trainCount - start));
        var loss = lossFunction.call(model.call(trainImages.index_select(0, indices)), trainLabels.index_select(0, indices));
        optimizer.zero_grad();
        loss.backward();
        optimizer.step();
        lossSum += loss.item<float>() * indices.shape[0];
    }
    lastEpochLoss = lossSum / trainCount;
    Console.WriteLine(Invariant($"epoch {epoch}: train_loss={lastEpochLoss:F4} seconds={epochClock.Elapsed.TotalSeconds:F2}"));
}
double trainingSeconds = trainingClock.Elapsed.TotalSeconds;
long imagesSeen = (long)trainCount * options.Epochs;

var (msPerImage, accuracy) = Evaluate(model, testImages, testLabels);

Console.WriteLine(Invariant(
    $"RESULT images_per_sec={imagesSeen / trainingSeconds:F2} seconds={trainingSeconds:F3} images={imagesSeen} final_loss={lastEpochLoss:F5}"));
Console.WriteLine(Invariant($"RESULT_INFER ms_per_image={msPerImage:F4} accuracy={accuracy:F4}"));
return 0;

static (double MsPerImage, double Accuracy) Evaluate(nn.Module<Tensor, Tensor> model, Tensor images, Tensor labels)
{
    model.eval();
    using var noGrad = torch.no_grad();
    long count = images.shape[0];
    long correct = 0;
    var clock = Stopwatch.StartNew();
    for (long start = 0; start < count; start += BatchSize)
    {
        using var scope = torch.NewDisposeScope();
        long length = Math.Min(BatchSize, count - start);
        var predicted = model.call(images.narrow(0, start, length)).argmax(1);
        correct += predicted.eq(labels.narrow(0, start, length)).sum().item<long>();
    }
    return (clock.Elapsed.TotalMilliseconds / count, (double)correct / count);
}

static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

internal static class SeedCnn
{
    // The seed study's CNN: 421,642 parameters.
    public static nn.Module<Tensor, Tensor> Create() => nn.Sequential(
        ("conv1", nn.Conv2d(1, 32, 3, padding: 1)),
        ("relu1", nn.ReLU()),
        ("pool1", nn.MaxPool2d(2)),
        ("conv2", nn.Conv2d(32, 64, 3, padding: 1)),
        ("relu2", nn.ReLU()),
        ("pool2", nn.MaxPool2d(2)),
        ("flatten", nn.Flatten()),
        ("fc1", nn.Linear(64 * 7 * 7, 128)),
        ("relu3", nn.ReLU()),
        ("fc2", nn.Linear(128, 10)));
}

internal static class FashionMnistIdx
{
    private const int ImageMagic = 0x0803;
    private const int LabelMagic = 0x0801;

    /// <summary>First <paramref name="count"/> images as float32 (N, 1, 28, 28), scaled to [0, 1] then normalized with mean 0.5, std 0.5.</summary>
    public static Tensor ReadImages(string path, int count)
    {
        var (dimensions, data) = Read(path, ImageMagic);
        int rows = dimensions[1], columns = dimensions[2];
        int length = checked(count * rows * columns);
        using var raw = torch.tensor(data[..length], [count, 1, rows, columns]);
        return raw.to_type(ScalarType.Float32).div_(255f).sub_(0.5f).div_(0.5f);
    }

    /// <summary>First <paramref name="count"/> labels as int64 (N).</summary>
    public static Tensor ReadLabels(string path, int count)
    {
        var (_, data) = Read(path, LabelMagic);
        using var raw = torch.tensor(data[..count], [count]);
        return raw.to_type(ScalarType.Int64);
    }

    // IDX: big-endian int32 magic (0x08 = unsigned byte, low byte = number of dimensions), one int32 per dimension, then the bytes.
    private static (int[] Dimensions, byte[] Data) Read(string path, int expectedMagic)
    {
        using var file = File.OpenRead(path);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var buffer = new MemoryStream();
        gzip.CopyTo(buffer);
        var bytes = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);

        int magic = BinaryPrimitives.ReadInt32BigEndian(bytes);
        if (magic != expectedMagic)
        {
            throw new InvalidDataException($"{path}: IDX magic 0x{magic:X8}, expected 0x{expectedMagic:X8}.");
        }
        var dimensions = new int[magic & 0xFF];
        for (int i = 0; i < dimensions.Length; i++)
        {
            dimensions[i] = BinaryPrimitives.ReadInt32BigEndian(bytes[(4 + 4 * i)..]);
        }
        return (dimensions, bytes[(4 + 4 * dimensions.Length)..].ToArray());
    }
}

internal sealed record BenchmarkOptions(int Epochs, int Limit, int? Threads)
{
    public static BenchmarkOptions Parse(string[] args)
    {
        var options = new BenchmarkOptions(Epochs: 1, Limit: 48_000, Threads: null);
        for (int i = 0; i < args.Length; i++)
        {
            string name = args[i];
            if (i + 1 >= args.Length || !int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out int value) || value < 1)
            {
                throw new ArgumentException($"{name} needs a positive integer. Usage: [--epochs N] [--limit N] [--threads N]");
            }
            i++;
            options = name switch
            {
                "--epochs" => options with { Epochs = value },
                "--limit" => options with { Limit = value },
                "--threads" => options with { Threads = value },
                _ => throw new ArgumentException($"Unknown option {name}. Usage: [--epochs N] [--limit N] [--threads N]"),
            };
        }
        return options;
    }
}
