using ClassifierToolkit.Data;
using ClassifierToolkit.Evaluation;
using ClassifierToolkit.Prediction;
using Microsoft.ML;

namespace ClassifierToolkit;

/// <summary>Test metrics (ML.NET's multiclass metrics, confusion matrix, timing): <c>mlContext.Classifier().Evaluation</c>.</summary>
public sealed class ClassifierEvaluationCatalog
{
    private readonly MLContext _mlContext;

    internal ClassifierEvaluationCatalog(MLContext mlContext) => _mlContext = mlContext;

    /// <summary>Evaluates a fitted pipeline's output, e.g. <c>model.Transform(testData)</c>: the label column, <c>Score</c> and <c>PredictedLabel</c>.</summary>
    /// <exception cref="ArgumentException">A column is missing or of the wrong type; says which.</exception>
    /// <exception cref="InvalidDataException">The data are empty.</exception>
    public ClassifierMetrics Evaluate(IDataView predictions) => Evaluate(predictions, ColumnNames.Label);

    /// <summary>Evaluates a fitted pipeline's output whose true classes are in <paramref name="labelColumnName"/>.</summary>
    /// <exception cref="ArgumentException">A column is missing or of the wrong type; says which.</exception>
    /// <exception cref="InvalidDataException">The data are empty.</exception>
    public ClassifierMetrics Evaluate(IDataView predictions, string labelColumnName) =>
        ClassifierEvaluator.Evaluate(_mlContext, predictions, labelColumnName);

    /// <summary>Evaluates a loaded classifier end to end on image files, decoded in parallel and scored in batches.</summary>
    /// <exception cref="InvalidDataException">No files, or an image that cannot be read (named).</exception>
    public ClassifierMetrics Evaluate(ImageClassifier model, IReadOnlyList<ImageFile> testImages) =>
        ClassifierEvaluator.Evaluate(_mlContext, model, testImages);
}
