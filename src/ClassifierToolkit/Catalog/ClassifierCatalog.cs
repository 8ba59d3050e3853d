using Microsoft.ML;

namespace ClassifierToolkit;

/// <summary>
/// The toolkit's entry point on an <see cref="MLContext"/>, <c>mlContext.Classifier()</c>: image preprocessing
/// (<see cref="Transforms"/>), trainers (<see cref="Trainers"/>, filled by the training assembly), evaluation and
/// prediction. Other toolkit assemblies hang their own sub-catalogs on it (e.g. <c>.AutoML()</c>). ML.NET's own catalogs
/// cannot be extended from outside ML.NET, hence one catalog of our own, in the style of <c>mlContext.Auto()</c>.
/// </summary>
public sealed class ClassifierCatalog
{
    internal ClassifierCatalog(MLContext mlContext)
    {
        MLContext = mlContext;
        Transforms = new ClassifierTransformsCatalog(mlContext);
        Trainers = new ClassifierTrainersCatalog(mlContext);
        Evaluation = new ClassifierEvaluationCatalog(mlContext);
        Prediction = new ClassifierPredictionCatalog(mlContext);
    }

    /// <summary>The context the catalog was opened from.</summary>
    public MLContext MLContext { get; }
    /// <summary>Image preprocessing: files to the <c>Pixels</c> the trainers read.</summary>
    public ClassifierTransformsCatalog Transforms { get; }
    /// <summary>Trainers; <c>using ClassifierToolkit;</c> with the ClassifierToolkit.Torch assembly adds them.</summary>
    public ClassifierTrainersCatalog Trainers { get; }
    /// <summary>Test metrics of a classifier.</summary>
    public ClassifierEvaluationCatalog Evaluation { get; }
    /// <summary>Loading a saved classifier for fast, thread-safe prediction.</summary>
    public ClassifierPredictionCatalog Prediction { get; }
}

/// <summary>Opens the <see cref="ClassifierCatalog"/>.</summary>
public static class MLContextExtensions
{
    /// <summary>The toolkit's catalog on <paramref name="mlContext"/>.</summary>
    public static ClassifierCatalog Classifier(this MLContext mlContext)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        return new ClassifierCatalog(mlContext);
    }
}
