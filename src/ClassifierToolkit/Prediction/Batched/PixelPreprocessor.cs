using System.Collections.Concurrent;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms.Image;

namespace ClassifierToolkit.Prediction.Batched;

/// <summary>
/// A saved model's own preprocessing (resize, grey, pixels) applied to decoded images. It runs the transforms saved in
/// the <c>.zip</c>, minus the file loader, so bytes, streams and files get exactly the pixels <c>mlContext.Model.Load</c>
/// would compute. Thread-safe: ML.NET's engines are not, so each call borrows one from a pool.
/// </summary>
internal sealed class PixelPreprocessor : IDisposable
{
    private readonly MLContext _mlContext;
    private readonly ITransformer _fromImage;
    private readonly ConcurrentBag<Engine> _engines = [];
    private bool _disposed;

    /// <param name="mlContext">The context the model was loaded with.</param>
    /// <param name="preprocessing">The saved preprocessing chain: file loader first, then the image transforms ending in <c>Pixels</c>.</param>
    /// <param name="pixelsPerImage">Values per image (channels × height × width).</param>
    /// <exception cref="InvalidDataException">The chain does not start with ML.NET's image loader.</exception>
    public PixelPreprocessor(MLContext mlContext, ITransformer preprocessing, int pixelsPerImage)
    {
        _mlContext = mlContext;
        PixelsPerImage = pixelsPerImage;
        var steps = Flatten(preprocessing).ToList();
        if (steps.Count < 2 || steps[0] is not ImageLoadingTransformer)
            throw new InvalidDataException("The model's preprocessing does not start by loading an image file, so it is not a toolkit classifier.");
        _fromImage = new TransformerChain<ITransformer>(steps.Skip(1).ToArray());
    }

    /// <summary>Values per image.</summary>
    public int PixelsPerImage { get; }

    /// <summary>Writes the image's pixels (C×H×W, in [0, 1]) to <paramref name="destination"/>.</summary>
    public void Write(MLImage image, Span<float> destination)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var engine = _engines.TryTake(out var pooled) ? pooled
            : new Engine(_mlContext.Model.CreatePredictionEngine<ImageRow, PixelsRow>(_fromImage));
        try
        {
            engine.Input.Image = image;
            engine.Predictor.Predict(engine.Input, ref engine.Output);
            if (engine.Output.Pixels.Length != PixelsPerImage)
                throw new InvalidOperationException($"The preprocessing gave {engine.Output.Pixels.Length} values; the network takes {PixelsPerImage}.");
            engine.Output.Pixels.AsSpan().CopyTo(destination);
        }
        finally
        {
            engine.Input.Image = null;
            _engines.Add(engine);
        }
    }

    public void Dispose()
    {
        _disposed = true;
        while (_engines.TryTake(out var engine)) engine.Predictor.Dispose();
    }

    private static IEnumerable<ITransformer> Flatten(ITransformer transformer) =>
        transformer is TransformerChain<ITransformer> chain ? chain.SelectMany(Flatten) : [transformer];

    private sealed class Engine(PredictionEngine<ImageRow, PixelsRow> predictor)
    {
        public readonly PredictionEngine<ImageRow, PixelsRow> Predictor = predictor;
        public readonly ImageRow Input = new();
        public PixelsRow Output = new();
    }

    // The declared size is only a type tag: the saved transforms resize whatever image comes. (ImageTypeAttribute's
    // parameterless form fails when ML.NET registers the type, and a schema override loses the MLImage mapping.)
    private sealed class ImageRow
    {
        [ColumnName(ColumnNames.Image), ImageType(1, 1)]
        public MLImage? Image { get; set; }
    }

    private sealed class PixelsRow
    {
        [ColumnName(ColumnNames.Pixels)]
        public float[] Pixels { get; set; } = [];
    }
}
