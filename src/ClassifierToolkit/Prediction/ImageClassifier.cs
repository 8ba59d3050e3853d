using System.Buffers;
using ClassifierToolkit.IO;
using ClassifierToolkit.Prediction.Batched;
using ClassifierToolkit.Preprocessing;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace ClassifierToolkit.Prediction;

/// <summary>
/// A saved classifier <c>.zip</c> loaded for prediction, the one predictor type for apps: files, bytes, streams or decoded
/// images, one at a time or in batches, on many threads at once: images are decoded and preprocessed by
/// the model's own saved transforms (in parallel for batches), and the network runs in ONNX Runtime on whole batches.
/// Results equal <c>mlContext.Model.Load</c> + <c>PredictionEngine</c> on the same file. Dispose it to free its native
/// memory (ONNX Runtime sessions) once no call is in flight; the serving library's pool does that for you.
/// </summary>
public sealed class ImageClassifier : IDisposable
{
    /// <summary>How to load a classifier for prediction.</summary>
    public sealed class Options
    {
        /// <summary>A classifier <c>.zip</c> saved by the toolkit.</summary>
        public required string ModelPath { get; set; }
        /// <summary>Threads ONNX Runtime uses for one batch; 0 uses every core.</summary>
        public int Threads { get; set; }
        /// <summary>Images decoded and scored together in batch prediction (larger batches use more memory, not less time); the
        /// network runs each batch in smaller, cache-sized runs spread over the threads.</summary>
        public int BatchSize { get; set; } = 256;
    }

    private readonly ITransformer _model;
    private readonly PixelPreprocessor _preprocessor;
    private readonly OnnxBatchScorer _scorer;

    private readonly InputShape _input;

    private ImageClassifier(ModelIdentity identity, ITransformer model, IReadOnlyList<string> classNames, InputShape input,
        PixelPreprocessor preprocessor, OnnxBatchScorer scorer, int batchSize)
    {
        Identity = identity;
        BatchSize = batchSize;
        _model = model;
        ClassNames = classNames;
        _input = input;
        _preprocessor = preprocessor;
        _scorer = scorer;
    }

    /// <summary>Images decoded and scored together in batch prediction.</summary>
    public int BatchSize { get; }
    /// <summary>The loaded ML.NET chain (<c>ImagePath</c> → <c>Pixels</c> → <c>Score</c>, <c>PredictedLabel</c>), for
    /// whole-<c>IDataView</c> scoring and a plain <c>PredictionEngine</c>.</summary>
    internal ITransformer Model => _model;
    /// <summary>The saved network's metadata (<c>ctk.model</c>, <c>ctk.classes</c>, <c>ctk.compute</c>, ...).</summary>
    public IReadOnlyDictionary<string, string> Metadata => _scorer.Metadata;
    /// <summary>Which file was loaded, its hash and when.</summary>
    public ModelIdentity Identity { get; }
    /// <summary>Class names, in score order.</summary>
    public IReadOnlyList<string> ClassNames { get; }
    /// <summary>Colour channels the network takes (1 grey, 3 RGB).</summary>
    public int Channels => _input.Channels;
    /// <summary>Whether the preprocessing reads an alpha plane before the colour planes, which the network uses to composite
    /// transparent pictures onto white; false for models saved before alpha was read.</summary>
    public bool Alpha => _input.Alpha;
    /// <summary>Planes per preprocessed image: <see cref="Channels"/>, plus one for <see cref="Alpha"/>.</summary>
    public int PixelPlanes => _input.PixelPlanes;
    /// <summary>Height images are resized to.</summary>
    public int Height => _input.Height;
    /// <summary>Width images are resized to.</summary>
    public int Width => _input.Width;
    /// <summary>Values per preprocessed image (planes × height × width).</summary>
    public int PixelsPerImage => _input.PixelValues;

    /// <summary>Loads a classifier <c>.zip</c> saved by the toolkit.</summary>
    /// <param name="path">The model file.</param>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    /// <exception cref="InvalidDataException">Not a readable toolkit classifier (truncated, corrupt, or another kind of model); names the file.</exception>
    public static ImageClassifier Load(string path) => Load(new Options { ModelPath = path });

    /// <summary>Loads a classifier <c>.zip</c> with every setting given; <paramref name="mlContext"/> runs its saved transforms.</summary>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    /// <exception cref="InvalidDataException">Not a readable toolkit classifier (truncated, corrupt, or another kind of model); names the file.</exception>
    public static ImageClassifier Load(Options options, MLContext? mlContext = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(options.Threads, nameof(options.Threads));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.BatchSize, 1, nameof(options.BatchSize));
        // One read: the hash, the ML.NET model and the ONNX bytes all come from the same bytes, even if the file is replaced meanwhile.
        return FromBytes(ReadModelFile(options.ModelPath), options, mlContext);
    }

    /// <summary>A model file's bytes, for <see cref="FromBytes"/>.</summary>
    /// <exception cref="FileNotFoundException">No such file; names it.</exception>
    internal static byte[] ReadModelFile(string path)
    {
        var fullPath = Path.GetFullPath(path);
        if (!File.Exists(fullPath)) throw new FileNotFoundException($"Model file '{path}' does not exist.", path);
        return File.ReadAllBytes(fullPath);
    }

    /// <summary>A classifier from the bytes of <paramref name="options"/>' model file, already read by the caller.</summary>
    /// <exception cref="InvalidDataException">Not a readable toolkit classifier; names the file.</exception>
    internal static ImageClassifier FromBytes(byte[] bytes, Options options, MLContext? mlContext = null)
    {
        var path = options.ModelPath;
        var fullPath = Path.GetFullPath(path);
        var identity = new ModelIdentity(fullPath, ContentHash.Of(bytes), bytes.Length, default);
        mlContext ??= new MLContext();
        var model = SavedClassifier.LoadTransformer(mlContext, new MemoryStream(bytes, writable: false), path);
        PixelPreprocessor? preprocessor = null;
        try
        {
            var classNames = SavedClassifier.ClassNamesOf(mlContext, model, path);
            var preprocessing = SavedClassifier.PreprocessingOf(model);
            var pixels = preprocessing.GetOutputSchema(SavedClassifier.InputSchema(mlContext));
            if (pixels.GetColumnOrNull(ColumnNames.Pixels)?.Type is not VectorDataViewType { Dimensions: [var planes, var height, var width] })
                throw new InvalidDataException($"'{path}' does not compute a C×H×W '{ColumnNames.Pixels}' column, so it is not a toolkit classifier.");
            var input = InputShape.FromPixelPlanes(planes, height, width);
            preprocessor = new PixelPreprocessor(mlContext, preprocessing, input.PixelValues);
            var scorer = new OnnxBatchScorer(ModelArchive.ReadOnnx(bytes, path), planes, height, width, classNames.Count, options.Threads);
            return new ImageClassifier(identity with { LoadedUtc = DateTime.UtcNow }, model, classNames, input, preprocessor, scorer, options.BatchSize);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            preprocessor?.Dispose();
            (model as IDisposable)?.Dispose();
            throw e as InvalidDataException ?? new InvalidDataException($"'{path}' could not be loaded for serving: {e.Message}", e);
        }
    }

    /// <summary>Predicts one image file.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file cannot be decoded; the message names it.</exception>
    public ClassifierPrediction Predict(string imagePath) => Predict(ImageData.FromFile(imagePath));

    /// <summary>Predicts one image.</summary>
    /// <exception cref="FileNotFoundException">An image file that does not exist.</exception>
    /// <exception cref="InvalidDataException">The image cannot be decoded; the message names it.</exception>
    public ClassifierPrediction Predict(ImageData image) => PredictBatch([image])[0];

    /// <summary>Predicts many images: decoded and preprocessed in parallel, scored in batches of <see cref="BatchSize"/>.</summary>
    /// <exception cref="FileNotFoundException">An image file that does not exist.</exception>
    /// <exception cref="InvalidDataException">An image cannot be decoded; the message names the first such image.</exception>
    public IReadOnlyList<ClassifierPrediction> PredictBatch(IReadOnlyList<ImageData> images)
    {
        ArgumentNullException.ThrowIfNull(images);
        var results = new ClassifierPrediction[images.Count];
        var pixels = ArrayPool<float>.Shared.Rent(Math.Min(images.Count, BatchSize) * PixelsPerImage);
        try
        {
            for (int start = 0; start < images.Count; start += BatchSize)
            {
                int count = Math.Min(BatchSize, images.Count - start);
                PreprocessInto(images, start, count, pixels);
                ScoreInto(pixels.AsMemory(0, count * PixelsPerImage), count, results.AsSpan(start, count));
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(pixels);
        }
        return results;
    }

    /// <summary>The pixels the model's own preprocessing makes of <paramref name="images"/> (decoded in parallel), back to back,
    /// <see cref="PixelsPerImage"/> values each: what <see cref="PredictPixels"/> scores.</summary>
    /// <exception cref="FileNotFoundException">An image file that does not exist.</exception>
    /// <exception cref="InvalidDataException">An image cannot be decoded; the message names the first such image.</exception>
    public float[] Preprocess(IReadOnlyList<ImageData> images)
    {
        ArgumentNullException.ThrowIfNull(images);
        var pixels = new float[images.Count * PixelsPerImage];
        PreprocessInto(images, 0, images.Count, pixels);
        return pixels;
    }

    /// <summary>Scores preprocessed images (the model only, no decoding): <paramref name="pixels"/> holds <paramref name="count"/>
    /// images of <see cref="PixelsPerImage"/> values each, as the model's preprocessing makes them.</summary>
    /// <exception cref="ArgumentException"><paramref name="pixels"/> has the wrong length.</exception>
    public IReadOnlyList<ClassifierPrediction> PredictPixels(ReadOnlyMemory<float> pixels, int count)
    {
        if (pixels.Length != count * PixelsPerImage)
            throw new ArgumentException($"{count} images of {PixelPlanes}×{Height}×{Width} need {count * PixelsPerImage} values; got {pixels.Length}.", nameof(pixels));
        var results = new ClassifierPrediction[count];
        // In one call, not in batches: the network reads the pixels where they lie, a run at a time.
        ScoreInto(pixels, count, results);
        return results;
    }

    /// <summary>Whether a large batch ran in cache-sized runs on every core (see <see cref="OnnxBatchScorer"/>).</summary>
    internal bool RanInRuns => _scorer.RanInRuns;

    /// <summary>True once disposed (its native memory freed).</summary>
    public bool IsDisposed { get; private set; }

    /// <summary>Frees the ONNX Runtime sessions and ML.NET engines. Call it only when no prediction is running.</summary>
    public void Dispose()
    {
        if (IsDisposed) return;
        IsDisposed = true;
        _scorer.Dispose();
        _preprocessor.Dispose();
        (_model as IDisposable)?.Dispose();
    }

    // Images first … first + count − 1 into the start of `pixels`; the first bad image in input order is thrown with its own
    // exception (not Parallel.For's AggregateException).
    private void PreprocessInto(IReadOnlyList<ImageData> images, int first, int count, float[] pixels)
    {
        if (count == 1)
        {
            Preprocess(images[first], pixels.AsSpan(0, PixelsPerImage));
            return;
        }
        var errors = new Exception?[count];
        Parallel.For(0, count, i =>
        {
            try { Preprocess(images[first + i], pixels.AsSpan(i * PixelsPerImage, PixelsPerImage)); }
            catch (Exception e) { errors[i] = e; }
        });
        if (errors.FirstOrDefault(e => e is not null) is { } error) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(error);
    }

    private void Preprocess(ImageData image, Span<float> destination)
    {
        try
        {
            using var decoded = image.Decode();
            _preprocessor.Write(decoded.Image, destination);
        }
        catch (Exception e) when (e is FileNotFoundException or InvalidDataException)
        {
            throw;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // ML.NET's own errors (e.g. an image format its transforms refuse) do not name the image.
            throw new InvalidDataException($"'{image.Name}' could not be preprocessed: {e.Message}", e);
        }
    }

    private void ScoreInto(ReadOnlyMemory<float> pixels, int count, Span<ClassifierPrediction> results)
    {
        var probabilities = new float[count * _scorer.ClassCount];
        _scorer.Score(pixels, count, probabilities);
        for (int i = 0; i < count; i++) results[i] = ClassifierPrediction.From(probabilities.AsSpan(i * _scorer.ClassCount, _scorer.ClassCount), ClassNames);
    }
}
