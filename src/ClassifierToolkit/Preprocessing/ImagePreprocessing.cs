using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms.Image;

namespace ClassifierToolkit.Preprocessing;

/// <summary>
/// The serving front of every classifier: image file → resize → (grey) → pixels in [0, 1], shaped C×H×W.
/// Normalization by mean/std is not here: it is the first node of the exported network, so the trainer
/// (which normalizes the same way in TorchSharp) and the saved model cannot disagree.
/// </summary>
public static class ImagePreprocessing
{
    /// <summary>The estimator chain from <c>ImagePath</c> to <c>Pixels</c>; images are read from absolute paths.</summary>
    public static IEstimator<ITransformer> Create(MLContext mlContext, InputShape shape)
    {
        IEstimator<ITransformer> chain = mlContext.Transforms.LoadImages(ColumnNames.Image, imageFolder: null, ColumnNames.ImagePath)
            .Append(mlContext.Transforms.ResizeImages(ColumnNames.Image, shape.Width, shape.Height, ColumnNames.Image, ImageResizingEstimator.ResizingKind.Fill));
        if (shape.Channels == 1)
            chain = chain.Append(mlContext.Transforms.ConvertToGrayscale(ColumnNames.Image, ColumnNames.Image));
        var colors = shape.Channels == 1 ? ImagePixelExtractingEstimator.ColorBits.Red : ImagePixelExtractingEstimator.ColorBits.Rgb;
        return chain
            .Append(mlContext.Transforms.ExtractPixels(ColumnNames.Pixels, ColumnNames.Image, colors,
                ImagePixelExtractingEstimator.ColorsOrder.ARGB, interleavePixelColors: false, offsetImage: 0f, scaleImage: PixelScaling.Scale))
            .Append(mlContext.Transforms.DropColumns(ColumnNames.Image));
    }

    /// <summary>Fits the (stateless) chain against the <c>ImagePath</c> schema, ready to save in front of a model.</summary>
    public static ITransformer Fit(MLContext mlContext, InputShape shape) =>
        Create(mlContext, shape).Fit(mlContext.Data.LoadFromEnumerable(Array.Empty<Data.ImageFile>()));
}
