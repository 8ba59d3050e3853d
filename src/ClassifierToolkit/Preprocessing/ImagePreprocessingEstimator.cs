using ClassifierToolkit.Pipelines;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms.Image;

namespace ClassifierToolkit.Preprocessing;

/// <summary>
/// The serving front of every classifier as one estimator: image file (<c>ImagePath</c>) → resize → (grey) → pixels in
/// [0, 1], shaped (1 + C)×H×W (<c>Pixels</c>: the alpha plane, then the colour planes). Compositing transparent pixels
/// onto white and normalization by mean/std are not here: they are the first nodes of the exported network, so the
/// trainer (which does both the same way in TorchSharp) and the saved model cannot disagree.
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
        /// <summary>Extract the alpha plane before the colour planes (the default), for networks that composite transparent
        /// pictures onto white; false gives the colour planes alone, as models saved before alpha was read take them.</summary>
        public bool Alpha { get; set; } = Defaults.Alpha;
    }

    /// <summary>The defaults both catalog overloads share.</summary>
    public static class Defaults
    {
        /// <summary>RGB: photos are colour.</summary>
        public const int Channels = 3;
        /// <summary>Read transparency: clip art, icons and cut-outs are RGBA.</summary>
        public const bool Alpha = true;
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
        // What ML.NET 6 (ImageAnalytics 6.0.0 on SkiaSharp 3.119) gives for an RGBA PNG, measured with 8×8 PNGs holding
        // transparent (hidden red or black), half-transparent and opaque pixels:
        // - the decoder premultiplies: MLImage holds BGRA bytes with colour × alpha / 255, so the colour hidden under alpha 0
        //   is already 0 (hidden red and hidden black decode to the same bytes), and ExtractPixels returns that premultiplied
        //   colour, i.e. the picture composited onto black (what models saved before alpha was read were trained on);
        // - ResizeImages keeps alpha and premultiplication: Fill is nearest-neighbour, IsoCrop draws with filtering onto a
        //   zeroed (transparent) canvas, averaging premultiplied values (an edge pixel 7/255 opaque after a crop, say);
        // - ConvertToGrayscale keeps alpha too, and its grey (0.3 R + 0.59 G + 0.11 B) stays premultiplied (grey × alpha);
        // - ColorBits.Alpha with ColorsOrder.ARGB puts the alpha plane first (A, R, G, B; A, grey for grey images), and
        //   alpha 255 × 1/255 is exactly 1f.
        // So colour + (1 − alpha) is the picture composited onto white, and exactly the colour where the picture is opaque.
        // The network computes that in its first nodes (AlphaCompositing in ClassifierToolkit.Torch).
        var colors = shape.Channels == 1 ? ImagePixelExtractingEstimator.ColorBits.Red : ImagePixelExtractingEstimator.ColorBits.Rgb;
        if (options.Alpha) colors |= ImagePixelExtractingEstimator.ColorBits.Alpha;
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
