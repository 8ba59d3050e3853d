using ClassifierToolkit.Preprocessing;
using Microsoft.ML;

namespace ClassifierToolkit;

/// <summary>Image preprocessing: <c>mlContext.Classifier().Transforms</c>.</summary>
public sealed class ClassifierTransformsCatalog
{
    private readonly MLContext _mlContext;

    internal ClassifierTransformsCatalog(MLContext mlContext) => _mlContext = mlContext;

    /// <summary>
    /// Reads the image files named by <c>ImagePath</c>, resizes them to <paramref name="width"/> × <paramref name="height"/>,
    /// and extracts <c>Pixels</c> in [0, 1] (grey or RGB, C×H×W) for a trainer. Saved in front of the network, it is the
    /// model's input: an app gives an image path.
    /// </summary>
    public ImagePreprocessingEstimator PreprocessImages(int width, int height, int channels = ImagePreprocessingEstimator.Defaults.Channels) =>
        PreprocessImages(new ImagePreprocessingEstimator.Options { Width = width, Height = height, Channels = channels });

    /// <summary>Image preprocessing with every setting given.</summary>
    public ImagePreprocessingEstimator PreprocessImages(ImagePreprocessingEstimator.Options options) => new(_mlContext, options);
}
