using Microsoft.ML;

namespace ClassifierToolkit.Preprocessing;

/// <summary>The toolkit's own shortcut to <see cref="ImagePreprocessingEstimator"/> for a known <see cref="InputShape"/>.</summary>
internal static class ImagePreprocessing
{
    /// <summary>The preprocessing for <paramref name="shape"/> (with its alpha plane when <see cref="InputShape.Alpha"/>), fitted against the <c>ImagePath</c> schema, ready to save in front of a model.</summary>
    public static ITransformer Fit(MLContext mlContext, InputShape shape, Pipelines.ResizeKind resize = Pipelines.ResizeKind.Stretch) =>
        new ImagePreprocessingEstimator(mlContext, new ImagePreprocessingEstimator.Options { Channels = shape.Channels, Height = shape.Height, Width = shape.Width, Resize = resize, Alpha = shape.Alpha })
            .Fit(mlContext.Data.LoadFromEnumerable(Array.Empty<Data.ImageFile>()));
}
