using Microsoft.ML;

namespace ClassifierToolkit.Preprocessing;

/// <summary>The toolkit's own shortcut to <see cref="ImagePreprocessingEstimator"/> for a known <see cref="InputShape"/>.</summary>
public static class ImagePreprocessing
{
    /// <summary>The preprocessing for <paramref name="shape"/>, fitted against the <c>ImagePath</c> schema, ready to save in front of a model.</summary>
    public static ITransformer Fit(MLContext mlContext, InputShape shape, Pipelines.ResizeKind resize = Pipelines.ResizeKind.Stretch) =>
        new ImagePreprocessingEstimator(mlContext, new ImagePreprocessingEstimator.Options { Channels = shape.Channels, Height = shape.Height, Width = shape.Width, Resize = resize })
            .Fit(mlContext.Data.LoadFromEnumerable(Array.Empty<Data.ImageFile>()));
}
