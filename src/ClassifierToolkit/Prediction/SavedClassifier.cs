using ClassifierToolkit.Data;
using ClassifierToolkit.IO;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace ClassifierToolkit.Prediction;

/// <summary>
/// The shape of a saved classifier <c>.zip</c>: the ML.NET chain (image preprocessing, then the network's scorer) read and
/// written with the <c>ImagePath</c> input schema, with errors that name the file. <see cref="ImageClassifier"/> loads
/// through it; training saves through it.
/// </summary>
internal static class SavedClassifier
{
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

    /// <summary>The image preprocessing of a saved classifier (<c>ImagePath</c> → <c>Pixels</c>): the chain's first element.</summary>
    /// <exception cref="InvalidDataException">The model is not such a chain.</exception>
    internal static ITransformer PreprocessingOf(ITransformer model) =>
        model is TransformerChain<ITransformer> chain && chain.Count() == 2 ? chain.First()
            : throw new InvalidDataException("The model is not a toolkit classifier (a chain of image preprocessing and the network's scorer).");

    /// <summary>The ML.NET schema of the classifier's input (one <c>ImagePath</c> column).</summary>
    internal static DataViewSchema InputSchema(MLContext mlContext) => mlContext.Data.LoadFromEnumerable(Array.Empty<ImageInput>()).Schema;

    /// <summary>Saves <paramref name="model"/> atomically with the <c>ImagePath</c> input schema.</summary>
    internal static void Save(MLContext mlContext, ITransformer model, string path) =>
        AtomicFile.Write(path, temporary => mlContext.Model.Save(model, InputSchema(mlContext), temporary));
}
