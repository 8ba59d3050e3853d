using ClassifierToolkit.Prediction;
using Microsoft.ML;

namespace ClassifierToolkit;

/// <summary>Saved classifiers for prediction: <c>mlContext.Classifier().Prediction</c>.</summary>
public sealed class ClassifierPredictionCatalog
{
    private readonly MLContext _mlContext;

    internal ClassifierPredictionCatalog(MLContext mlContext) => _mlContext = mlContext;

    /// <summary>
    /// Loads a saved classifier <c>.zip</c> for prediction from paths, bytes, streams or images, one at a time or in
    /// batches, on any number of threads; dispose it to free its native memory.
    /// </summary>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    /// <exception cref="InvalidDataException">Not a readable toolkit classifier; names the file.</exception>
    public ImageClassifier Load(string modelPath) => Load(new ImageClassifier.Options { ModelPath = modelPath });

    /// <summary>Loads a saved classifier with every setting given (threads, batch size).</summary>
    public ImageClassifier Load(ImageClassifier.Options options) => ImageClassifier.Load(options, _mlContext);
}
