using ClassifierToolkit.Data;
using ClassifierToolkit.IO;
using ClassifierToolkit.Pipelines;
using ClassifierToolkit.Preprocessing;
using ClassifierToolkit.Torch.Export;
using ClassifierToolkit.Torch.Models;
using ClassifierToolkit.Torch.Training;
using ClassifierToolkit.Torch.Training.Checkpoints;
using ClassifierToolkit.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace ClassifierToolkit.Torch.Transfer;

/// <summary>
/// Bottleneck transfer: the pretrained backbone stays frozen, its features are computed once (or read from the cache)
/// from images streamed in chunks, and only the head trains, on those features, in the one training loop. The trained
/// head is written back into the model, so the export is the usual whole network.
/// </summary>
internal static class BottleneckTraining
{
    /// <summary>The folder features are cached in when the pipeline names none.</summary>
    public static string DefaultCacheFolder => Path.Combine(PngExportCache.DefaultRoot(), "features");

    /// <summary>Trains the head; <paramref name="started"/> hears the image counts once the images were scanned.</summary>
    /// <exception cref="InvalidDataException">No training images.</exception>
    public static (IReadOnlyList<EpochMetrics> History, int TrainImages) Fit(ImageClassifierModule model, string modelDescription,
        InputNormalization normalization, IEnumerable<TensorDataset> train, IEnumerable<TensorDataset>? validation, Device device, TransferSpec transfer,
        TrainingSpec training, IReadOnlyList<ITrainingCallback> callbacks, Action<int, int> started, ResumePoint? resume, CancellationToken cancellationToken)
    {
        var folder = transfer.FeatureCache ?? DefaultCacheFolder;
        var weightsSha256 = ContentHash.OfFile(PretrainedWeights.FileOf(transfer.Weights));
        var trainScan = BottleneckFeatures.Hash(train, weightsSha256, modelDescription);
        if (trainScan.Count == 0) throw new InvalidDataException("The training data is empty: there is nothing to learn from.");
        var validationScan = validation is null ? null : BottleneckFeatures.Hash(validation, weightsSha256, modelDescription);
        started(trainScan.Count, validationScan?.Count ?? 0);
        using var trainSet = FeatureSet("train", model, normalization, train, trainScan, device, transfer, folder, callbacks, cancellationToken);
        using var validationSet = validation is null ? null
            : FeatureSet("validation", model, normalization, validation, validationScan!, device, transfer, folder, callbacks, cancellationToken);
        var state = model.state_dict();
        using var head = new FeatureHead(model.FeatureCount, model.ClassCount, state[model.HeadName + ".weight"], state[model.HeadName + ".bias"]);
        head.to(device);
        using var identity = new InputNormalization(new InputShape(1, 1, model.FeatureCount), device);
        var loop = new TrainingLoop(HeadRecipe(training), callbacks);
        var history = loop.Fit(head, identity, trainSet, validationSet, device, resume, cancellationToken);
        using (no_grad())
        {
            var trained = head.state_dict();
            state[model.HeadName + ".weight"].copy_(trained["head.weight"]);
            state[model.HeadName + ".bias"].copy_(trained["head.bias"]);
        }
        return (history, trainScan.Count);
    }

    /// <summary>The recipe the head trains by: <paramref name="training"/> without augmentation, which moves pixels and would
    /// scramble feature vectors, and in fp32, as a linear head is cheap at any precision.</summary>
    public static TrainingSpec HeadRecipe(TrainingSpec training) =>
        training with { Augmentation = new AugmentationSpec(), Precision = PrecisionKind.Fp32 };

    private static TensorDataset FeatureSet(string name, ImageClassifierModule model, InputNormalization normalization, IEnumerable<TensorDataset> images,
        BottleneckFeatures.Scan scan, Device device, TransferSpec transfer, string folder, IReadOnlyList<ITrainingCallback> callbacks, CancellationToken cancellationToken)
    {
        var cacheFile = BottleneckFeatures.CacheFile(folder, scan);
        void Report(bool fromCache, double seconds)
        {
            foreach (var callback in callbacks) callback.OnFeaturesReady(new FeatureExtraction(name, scan.Count, seconds, fromCache, cacheFile));
        }
        var features = BottleneckFeatures.Get(model, normalization, images, scan.Count, device, cacheFile, transfer.ReuseCachedFeatures, Report, cancellationToken);
        return new TensorDataset(features.reshape(scan.Count, 1, 1, model.FeatureCount), tensor(scan.Labels));
    }
}
