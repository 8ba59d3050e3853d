using ClassifierToolkit.Data;
using ClassifierToolkit.IO;
using ClassifierToolkit.Pipelines;
using ClassifierToolkit.Preprocessing;
using ClassifierToolkit.Torch.Export;
using ClassifierToolkit.Torch.Models;
using ClassifierToolkit.Torch.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace ClassifierToolkit.Torch.Transfer;

/// <summary>
/// Bottleneck transfer: the pretrained backbone stays frozen, its features are computed once (or read from the cache)
/// from images streamed in chunks, and only the head trains, on those features, in the one training loop. The trained
/// head is written back into the model, so the export is the usual whole network.
/// </summary>
internal sealed class BottleneckFit : IFitMode
{
    private readonly ImageClassifierModule _model;
    private readonly InputNormalization _normalization;
    private readonly Device _device;
    private readonly TransferSpec _transfer;
    private readonly Images _train;
    private readonly Images? _validation;
    private TensorDataset? _trainFeatures, _validationFeatures;
    private FeatureHead? _head;
    private InputNormalization? _identity;

    // Streamed chunks of one data set and what their scan found (count, labels, cache key).
    private sealed record Images(string Name, IEnumerable<TensorDataset> Chunks, BottleneckFeatures.Scan Scan);

    private BottleneckFit(FitPlan plan, ImageClassifierModule model, InputNormalization normalization, Device device, Images train, Images? validation)
    {
        Plan = plan.ForFrozenFeatures();
        _transfer = plan.Transfer!;
        _model = model;
        _normalization = normalization;
        _device = device;
        _train = train;
        _validation = validation;
    }

    /// <summary>The folder features are cached in when the pipeline names none.</summary>
    public static string DefaultCacheFolder => Path.Combine(PngExportCache.DefaultRoot(), "features");

    /// <summary>Scans the images (their count, labels and cache key) without computing any feature yet.</summary>
    /// <exception cref="InvalidDataException">No training images.</exception>
    public static BottleneckFit Scan(FitPlan plan, ImageClassifierModule model, string modelDescription, InputNormalization normalization,
        IEnumerable<TensorDataset> train, IEnumerable<TensorDataset>? validation, Device device)
    {
        var weightsSha256 = ContentHash.OfFile(PretrainedWeights.FileOf(plan.Transfer!.Weights));
        var trainScan = BottleneckFeatures.Hash(train, weightsSha256, modelDescription);
        if (trainScan.Count == 0) throw new InvalidDataException(EmptyTrainingData.Message);
        var validationImages = validation is null ? null : new Images("validation", validation, BottleneckFeatures.Hash(validation, weightsSha256, modelDescription));
        return new BottleneckFit(plan, model, normalization, device, new Images("train", train, trainScan), validationImages);
    }

    public FitPlan Plan { get; }
    public int TrainImages => _train.Scan.Count;
    public int ValidationImages => _validation?.Scan.Count ?? 0;

    public FitTarget Prepare(Action<FeatureExtraction> featuresReady, CancellationToken cancellationToken)
    {
        var folder = _transfer.FeatureCache ?? DefaultCacheFolder;
        _trainFeatures = Features(_train, folder, featuresReady, cancellationToken);
        _validationFeatures = _validation is null ? null : Features(_validation, folder, featuresReady, cancellationToken);
        var state = _model.state_dict();
        _head = new FeatureHead(_model.FeatureCount, _model.ClassCount, state[_model.HeadName + ".weight"], state[_model.HeadName + ".bias"]);
        _head.to(_device);
        _identity = new InputNormalization(new InputShape(1, 1, _model.FeatureCount), _device);
        return new FitTarget(_head, _identity, _trainFeatures, _validationFeatures, new ParameterPlan(_head));
    }

    public void Finish()
    {
        using var noGrad = no_grad();
        var state = _model.state_dict();
        var trained = _head!.state_dict();
        state[_model.HeadName + ".weight"].copy_(trained["head.weight"]);
        state[_model.HeadName + ".bias"].copy_(trained["head.bias"]);
    }

    public void Dispose()
    {
        _identity?.Dispose();
        _head?.Dispose();
        _validationFeatures?.Dispose();
        _trainFeatures?.Dispose();
    }

    private TensorDataset Features(Images images, string folder, Action<FeatureExtraction> featuresReady, CancellationToken cancellationToken)
    {
        var scan = images.Scan;
        var cacheFile = BottleneckFeatures.CacheFile(folder, scan);
        void Report(bool fromCache, double seconds) => featuresReady(new FeatureExtraction(images.Name, scan.Count, seconds, fromCache, cacheFile));
        var features = BottleneckFeatures.Get(_model, _normalization, images.Chunks, scan.Count, _device, cacheFile, _transfer.ReuseCachedFeatures, Report, cancellationToken);
        return new TensorDataset(features.reshape(scan.Count, 1, 1, _model.FeatureCount), tensor(scan.Labels));
    }
}
