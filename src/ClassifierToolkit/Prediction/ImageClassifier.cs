using ClassifierToolkit.Data;
using ClassifierToolkit.IO;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace ClassifierToolkit.Prediction;

/// <summary>
/// A saved classifier (.zip) loaded for prediction: wraps <c>mlContext.Model.Load</c> with clear errors, class names
/// from the <c>Score</c> slot names, and top-k predictions for image files. Needs no TorchSharp. Dispose it: ML.NET
/// keeps the network in a temporary file while the model is loaded and deletes it only when the model is disposed.
/// </summary>
public sealed class ImageClassifier : IDisposable
{
    private readonly MLContext _mlContext;
    private readonly PredictionEngine<ImageInput, ImagePrediction> _engine;

    private ImageClassifier(MLContext mlContext, ITransformer model, IReadOnlyList<string> classNames)
    {
        _mlContext = mlContext;
        Model = model;
        ClassNames = classNames;
        _engine = mlContext.Model.CreatePredictionEngine<ImageInput, ImagePrediction>(model);
    }

    /// <summary>The loaded ML.NET transformer (ImagePath → Score, PredictedLabel).</summary>
    public ITransformer Model { get; }
    /// <summary>Class names, in score order.</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>Frees the prediction engine and the model, whose temporary network file ML.NET then deletes.</summary>
    public void Dispose()
    {
        _engine.Dispose();
        (Model as IDisposable)?.Dispose();
    }

    /// <summary>Loads a classifier .zip.</summary>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    /// <exception cref="InvalidDataException">Not a readable classifier (truncated, corrupt, or another kind of model).</exception>
    public static ImageClassifier Load(string path, MLContext? mlContext = null)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"Model file '{path}' does not exist.", path);
        mlContext ??= new MLContext();
        using var stream = File.OpenRead(path);
        var model = LoadTransformer(mlContext, stream, path);
        return new ImageClassifier(mlContext, model, ClassNamesOf(mlContext, model, path));
    }

    /// <summary>Reads a classifier .zip's transformer from <paramref name="stream"/>; <paramref name="source"/> names it in errors.</summary>
    /// <exception cref="InvalidDataException">Not a readable model .zip.</exception>
    internal static ITransformer LoadTransformer(MLContext mlContext, Stream stream, string source)
    {
        try
        {
            return mlContext.Model.Load(stream, out _);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new InvalidDataException($"'{source}' is not a readable model .zip (truncated or corrupt?): {e.Message}", e);
        }
    }

    /// <summary>The class names of a loaded classifier (its <c>Score</c> slot names), in score order.</summary>
    /// <exception cref="InvalidDataException">The model is not an image classifier.</exception>
    internal static IReadOnlyList<string> ClassNamesOf(MLContext mlContext, ITransformer model, string source)
    {
        var schema = model.GetOutputSchema(InputSchema(mlContext));
        var score = schema.GetColumnOrNull(ColumnNames.Score);
        if (score is null || schema.GetColumnOrNull(ColumnNames.PredictedLabel) is null)
            throw new InvalidDataException($"'{source}' is an ML.NET model but not an image classifier: it has no {ColumnNames.Score}/{ColumnNames.PredictedLabel} output.");
        VBuffer<ReadOnlyMemory<char>> names = default;
        score.Value.GetSlotNames(ref names);
        return names.DenseValues().Select(n => n.ToString()).ToList();
    }

    /// <summary>
    /// The part of a saved classifier after image preprocessing: it reads the <c>Pixels</c> column (and gives <c>Score</c>
    /// and <c>PredictedLabel</c>), for scoring in-memory pixels with the saved network. A saved model is the chain
    /// (preprocessing, scorer), so this is the chain's last element.
    /// </summary>
    /// <exception cref="InvalidDataException">The model is not such a chain.</exception>
    public static ITransformer ScorerOf(ITransformer model) => Parts(model).Scorer;

    /// <summary>The image preprocessing of a saved classifier (<c>ImagePath</c> → <c>Pixels</c>): the chain's first element.</summary>
    /// <exception cref="InvalidDataException">The model is not such a chain.</exception>
    public static ITransformer PreprocessingOf(ITransformer model) => Parts(model).Preprocessing;

    private static (ITransformer Preprocessing, ITransformer Scorer) Parts(ITransformer model) =>
        model is TransformerChain<ITransformer> chain && chain.Count() == 2 ? (chain.First(), chain.LastTransformer)
            : throw new InvalidDataException("The model is not a toolkit classifier (a chain of image preprocessing and the network's scorer).");

    /// <summary>The ML.NET schema of the classifier's input (one <c>ImagePath</c> column).</summary>
    public static DataViewSchema InputSchema(MLContext mlContext) => mlContext.Data.LoadFromEnumerable(Array.Empty<ImageInput>()).Schema;

    /// <summary>Saves <paramref name="model"/> atomically with the <c>ImagePath</c> input schema.</summary>
    public static void Save(MLContext mlContext, ITransformer model, string path) =>
        AtomicFile.Write(path, temporary => mlContext.Model.Save(model, InputSchema(mlContext), temporary));

    /// <summary>Predicts one image file. Not thread-safe (one <c>PredictionEngine</c>).</summary>
    /// <exception cref="FileNotFoundException">The image does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not a decodable image.</exception>
    public ImagePrediction Predict(string imagePath)
    {
        if (!File.Exists(imagePath)) throw new FileNotFoundException($"Image '{imagePath}' does not exist.", imagePath);
        try
        {
            // ML.NET's loader decodes the whole file: one over the size limit is read through its reduced copy.
            return _engine.Predict(new ImageInput { ImagePath = ReducedImageCache.ReadablePath(Path.GetFullPath(imagePath)) });
        }
        catch (Exception e) when (e is not OutOfMemoryException and not FileNotFoundException)
        {
            throw new InvalidDataException($"'{imagePath}' could not be read as an image (PNG, JPEG, BMP, GIF): {Innermost(e).Message}", e);
        }
    }

    /// <summary>The <paramref name="count"/> most likely classes of one image, most likely first.</summary>
    public IReadOnlyList<ClassProbability> PredictTop(string imagePath, int count = 3) =>
        ClassifierPrediction.TopOf(Predict(imagePath).Score, ClassNames, count);

    /// <summary>Scores many rows at once (ML.NET <c>Transform</c>), e.g. for evaluation.</summary>
    public IDataView Transform(IDataView data) => Model.Transform(data);

    private static Exception Innermost(Exception e) => e.InnerException is null ? e : Innermost(e.InnerException);
}
