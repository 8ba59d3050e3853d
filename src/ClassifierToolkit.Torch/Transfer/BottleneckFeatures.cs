using System.Security.Cryptography;
using ClassifierToolkit.Torch.Export;
using ClassifierToolkit.Torch.Models;
using ClassifierToolkit.Torch.Training;
using ClassifierToolkit.Torch.Weights;
using static TorchSharp.torch;

namespace ClassifierToolkit.Torch.Transfer;

/// <summary>
/// A frozen backbone's features for a data set, computed once in batches and cached on disk. The cache key is a SHA-256
/// of everything the features depend on: every image's pixels, the pretrained weights' file content, the model, its
/// settings and the input normalization. So a changed image, new weights or another model never reuse stale features
/// (ML.NET's trainer only checks that its cache file exists).
/// </summary>
public static class BottleneckFeatures
{
    private const int BatchSize = 256;
    private const string FeaturesTensor = "features";

    /// <summary>The cache file for these inputs: <c>{folder}/{key}.safetensors</c>.</summary>
    public static string CacheFile(string folder, TensorDataset images, string weightsFile, string modelDescription) =>
        Path.Combine(folder, Key(images, weightsFile, modelDescription) + ".safetensors");

    /// <summary>
    /// The features <c>[N, FeatureCount]</c> of <paramref name="images"/> (pixels in [0, 1], normalized here), from
    /// <paramref name="cacheFile"/> when <paramref name="reuse"/> and it exists, else computed (and written there);
    /// <paramref name="report"/> says which, and how fast.
    /// </summary>
    public static Tensor Get(ImageClassifierModule model, InputNormalization normalization, TensorDataset images, Device device,
        string cacheFile, bool reuse, Action<bool, double>? report = null, CancellationToken cancellationToken = default)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        if (reuse && File.Exists(cacheFile))
        {
            var cached = SafetensorsFile.Read(cacheFile)[FeaturesTensor];
            if (cached.Shape is [var rows, var width] && rows == images.Count && width == model.FeatureCount)
            {
                report?.Invoke(true, clock.Elapsed.TotalSeconds);
                return tensor(cached.Values).reshape(cached.Shape);
            }
        }
        var features = Compute(model, normalization, images, device, cancellationToken);
        report?.Invoke(false, clock.Elapsed.TotalSeconds);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(cacheFile))!);
        SafetensorsFile.Write(cacheFile, new Dictionary<string, WeightTensor> { [FeaturesTensor] = new(features.shape, features.data<float>().ToArray()) });
        return features;
    }

    /// <summary>The features of every image, in batches, the model in evaluation mode without gradients.</summary>
    public static Tensor Compute(ImageClassifierModule model, InputNormalization normalization, TensorDataset images, Device device,
        CancellationToken cancellationToken = default)
    {
        model.eval();
        using var noGrad = no_grad();
        var batches = new List<Tensor>();
        for (int start = 0; start < images.Count; start += BatchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var scope = NewDisposeScope();
            int length = Math.Min(BatchSize, images.Count - start);
            var batch = normalization.Apply(images.Pixels.narrow(0, start, length).to(device));
            batches.Add(model.ForwardFeatures(batch).to(CPU).MoveToOuterDisposeScope());
        }
        var all = cat(batches, 0);
        foreach (var batch in batches) batch.Dispose();
        return all;
    }

    private static string Key(TensorDataset images, string weightsFile, string modelDescription)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(System.Text.Encoding.UTF8.GetBytes(modelDescription + "\n"));
        using (var weights = File.OpenRead(weightsFile)) hash.AppendData(SHA256.HashData(weights));
        var shape = images.Pixels.shape;
        hash.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes<long>(shape));
        hash.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(images.Pixels.contiguous().data<float>().ToArray().AsSpan()));
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
