using System.Runtime.InteropServices;
using System.Security.Cryptography;
using ClassifierToolkit.Torch.Export;
using ClassifierToolkit.Torch.Models;
using ClassifierToolkit.Torch.Training;
using ClassifierToolkit.Weights;
using static TorchSharp.torch;

namespace ClassifierToolkit.Torch.Transfer;

/// <summary>
/// A frozen backbone's features for a data set, computed in batches and cached on disk. The images are streamed in
/// chunks, never all in memory: one pass hashes them (and collects the labels), and only when the cache has no match a
/// second pass computes the features. The cache key is a SHA-256 of everything the features depend on: every image's
/// pixels, the pretrained weights' file content, the model, its settings and the input normalization. So a changed image,
/// new weights or another model never reuse stale features (ML.NET's trainer only checks that its cache file exists).
/// The pixels hashed are the ones the backbone sees, after compositing onto white: a transparent picture, which caches
/// written before alpha was read hold composited onto black, gets a new key, and an opaque one, unchanged by compositing, keeps its key.
/// </summary>
internal static class BottleneckFeatures
{
    // Images per forward pass: a pass holds its batch's activations (ImageClassifierModule.forward), so this bounds memory as
    // a fine-tuning batch does. (With 256 a whole 64 MB chunk went at once, 83 images at 224×224: 2.2 GB more at the peak.)
    private const int BatchSize = 32;
    private const string FeaturesTensor = "features";

    /// <summary>What one hashing pass over the images found.</summary>
    /// <param name="Key">The cache key (hex SHA-256).</param>
    /// <param name="Labels">Every image's class index, in order.</param>
    public sealed record Scan(string Key, long[] Labels)
    {
        /// <summary>Number of images.</summary>
        public int Count => Labels.Length;
    }

    /// <summary>Hashes <paramref name="chunks"/> (one pass) with the weights' content hash and <paramref name="modelDescription"/>.</summary>
    public static Scan Hash(IEnumerable<TensorDataset> chunks, string weightsSha256, string modelDescription)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(System.Text.Encoding.UTF8.GetBytes($"{modelDescription}\n{weightsSha256}\n"));
        var labels = new List<long>();
        foreach (var chunk in chunks)
            using (chunk)
            using (var pixels = chunk.Pixels.contiguous())
            {
                hash.AppendData(MemoryMarshal.AsBytes<long>(pixels.shape));
                hash.AppendData(pixels.bytes);
                labels.AddRange(chunk.Labels.data<long>());
            }
        return new Scan(Convert.ToHexStringLower(hash.GetHashAndReset()), [.. labels]);
    }

    /// <summary>The cache file for a key: <c>{folder}/{key}.safetensors</c>.</summary>
    public static string CacheFile(string folder, Scan scan) => Path.Combine(folder, scan.Key + ".safetensors");

    /// <summary>
    /// The features <c>[N, FeatureCount]</c> of the images (pixels in [0, 1], normalized here), from <paramref name="cacheFile"/>
    /// when <paramref name="reuse"/> and it holds features of the right shape, else computed from <paramref name="chunks"/>
    /// (a second pass) and written there; <paramref name="report"/> says which, and how long it took.
    /// </summary>
    public static Tensor Get(ImageClassifierModule model, InputNormalization normalization, IEnumerable<TensorDataset> chunks, int count, Device device,
        string cacheFile, bool reuse, Action<bool, double>? report = null, CancellationToken cancellationToken = default)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        if (reuse && File.Exists(cacheFile))
        {
            var cached = SafetensorsFile.Read(cacheFile)[FeaturesTensor];
            if (cached.Shape is [var rows, var width] && rows == count && width == model.FeatureCount)
            {
                report?.Invoke(true, clock.Elapsed.TotalSeconds);
                return tensor(cached.Values).reshape(cached.Shape);
            }
        }
        var features = Compute(model, normalization, chunks, device, cancellationToken);
        report?.Invoke(false, clock.Elapsed.TotalSeconds);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(cacheFile))!);
        SafetensorsFile.Write(cacheFile, new Dictionary<string, WeightTensor> { [FeaturesTensor] = new(features.shape, features.data<float>().ToArray()) });
        return features;
    }

    /// <summary>The features of every image, chunk by chunk in batches, the model in evaluation mode without gradients.</summary>
    public static Tensor Compute(ImageClassifierModule model, InputNormalization normalization, IEnumerable<TensorDataset> chunks, Device device,
        CancellationToken cancellationToken = default)
    {
        model.eval();
        using var noGrad = no_grad();
        var batches = new List<Tensor>();
        foreach (var chunk in chunks)
            using (chunk)
                for (int start = 0; start < chunk.Count; start += BatchSize)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    using var scope = NewDisposeScope();
                    int length = Math.Min(BatchSize, chunk.Count - start);
                    var batch = normalization.Apply(chunk.Pixels.narrow(0, start, length).to(device));
                    batches.Add(model.ForwardFeatures(batch).to(CPU).MoveToOuterDisposeScope());
                }
        var all = batches.Count == 0 ? zeros(0, model.FeatureCount) : cat(batches, 0);
        foreach (var batch in batches) batch.Dispose();
        return all;
    }
}
