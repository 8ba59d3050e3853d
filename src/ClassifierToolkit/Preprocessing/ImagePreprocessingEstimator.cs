using ClassifierToolkit.Pipelines;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms.Image;

namespace ClassifierToolkit.Preprocessing;

/// <summary>
/// The serving front of every classifier as one estimator: image file (<c>ImagePath</c>) → resize → (grey) → pixels in
/// [0, 1], shaped C×H×W (<c>Pixels</c>). Normalization by mean/std is not here: it is the first node of the exported
/// network, so the trainer (which normalizes the same way in TorchSharp) and the saved model cannot disagree.
/// It is one estimator rather than the chain it wraps so that <c>.Append(trainer)</c> fits into the saved classifier's
/// shape, the chain (preprocessing, scorer), whatever the user appends it to.
/// </summary>
public sealed class ImagePreprocessingEstimator : IEstimator<ITransformer>
{
    /// <summary>The size and colour images are brought to.</summary>
    public sealed class Options
    {
        /// <summary>Width images are resized to.</summary>
        public required int Width { get; set; }
        /// <summary>Height images are resized to.</summary>
        public required int Height { get; set; }
        /// <summary>1 (grey) or 3 (RGB).</summary>
        public int Channels { get; set; } = Defaults.Channels;
        /// <summary>Stretch to the size, or keep the aspect ratio and cut out the centre.</summary>
        public ResizeKind Resize { get; set; } = ResizeKind.Stretch;
    }

    /// <summary>The defaults both catalog overloads share.</summary>
    public static class Defaults
    {
        /// <summary>RGB: photos are colour.</summary>
        public const int Channels = 3;
    }

    private readonly IEstimator<ITransformer> _chain;

    /// <summary>Creates the estimator; the sizes are checked here.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Channels other than 1 or 3, or a size below 1.</exception>
    public ImagePreprocessingEstimator(MLContext mlContext, Options options)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        ArgumentNullException.ThrowIfNull(options);
        var shape = new InputShape(options.Channels, options.Height, options.Width);
        IEstimator<ITransformer> chain = mlContext.Transforms.LoadImages(ColumnNames.Image, imageFolder: null, ColumnNames.ImagePath)
            .Append(options.Resize == ResizeKind.CenterCrop
                ? mlContext.Transforms.ResizeImages(ColumnNames.Image, shape.Width, shape.Height, ColumnNames.Image, ImageResizingEstimator.ResizingKind.IsoCrop, ImageResizingEstimator.Anchor.Center)
                : mlContext.Transforms.ResizeImages(ColumnNames.Image, shape.Width, shape.Height, ColumnNames.Image, ImageResizingEstimator.ResizingKind.Fill));
        if (shape.Channels == 1)
            chain = chain.Append(mlContext.Transforms.ConvertToGrayscale(ColumnNames.Image, ColumnNames.Image));
        var colors = shape.Channels == 1 ? ImagePixelExtractingEstimator.ColorBits.Red : ImagePixelExtractingEstimator.ColorBits.Rgb;
        _chain = chain
            .Append(mlContext.Transforms.ExtractPixels(ColumnNames.Pixels, ColumnNames.Image, colors,
                ImagePixelExtractingEstimator.ColorsOrder.ARGB, interleavePixelColors: false, offsetImage: 0f, scaleImage: PixelScaling.Scale))
            .Append(mlContext.Transforms.DropColumns(ColumnNames.Image));
    }

    /// <summary>Fits the (stateless) transforms; nothing is learned from <paramref name="input"/> but its schema.</summary>
    public ITransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        GetOutputSchema(Prediction.SchemaShapes.Of(input.Schema));
        return _chain.Fit(input);
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">No text <c>ImagePath</c> column; says what to give.</exception>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        var path = inputSchema.FirstOrDefault(c => c.Name == ColumnNames.ImagePath);
        if (path.Name is null || path.Kind != SchemaShape.Column.VectorKind.Scalar || path.ItemType is not TextDataViewType)
            throw new ArgumentException($"Image preprocessing reads image file paths from a text column '{ColumnNames.ImagePath}', which the input lacks; " +
                $"load rows such as {nameof(Data.ImageFile)} ({ColumnNames.ImagePath}, {ColumnNames.Label}).", nameof(inputSchema));
        return _chain.GetOutputSchema(inputSchema);
    }
}
