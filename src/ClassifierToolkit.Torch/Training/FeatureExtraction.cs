namespace ClassifierToolkit.Torch.Training;

/// <summary>A frozen backbone's features for one data set, computed or read from the cache (bottleneck transfer).</summary>
/// <param name="DataSet">"train" or "validation".</param>
/// <param name="Images">Images the features are for.</param>
/// <param name="Seconds">Time taken.</param>
/// <param name="FromCache">True when read from <paramref name="CacheFile"/> instead of computed.</param>
/// <param name="CacheFile">Where the features are cached.</param>
public sealed record FeatureExtraction(string DataSet, int Images, double Seconds, bool FromCache, string CacheFile)
{
    /// <summary>Images per second.</summary>
    public double ImagesPerSecond => Seconds > 0 ? Images / Seconds : double.PositiveInfinity;
}
