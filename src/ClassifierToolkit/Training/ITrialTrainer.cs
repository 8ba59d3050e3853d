using ClassifierToolkit.Evaluation;
using ClassifierToolkit.Pipelines;

namespace ClassifierToolkit.Training;

/// <summary>
/// How a search trains and evaluates a trial: implemented on the Torch side over the one training path (<c>TrainingRun</c>),
/// so a trial trains exactly as <c>ctk train</c> would. It lives in the core so that neither side references the other:
/// the search (ClassifierToolkit.AutoML) never touches TorchSharp, and a training app carries no experiment stores.
/// </summary>
public interface ITrialTrainer
{
    /// <summary>Checks what can be checked without data (e.g. the model name and settings against the registry).</summary>
    /// <exception cref="PipelineSpecException">The pipeline is refused; names the JSON path.</exception>
    void Check(PipelineSpec spec);

    /// <summary>
    /// Trains <paramref name="spec"/> into <paramref name="runFolder"/> (model.zip and the run's files), calling
    /// <paramref name="onEpoch"/> after every epoch; when it returns false, training stops after that epoch (pruned).
    /// Validation metrics only: the test set is not scored.
    /// </summary>
    /// <exception cref="OperationCanceledException">Cancelled between batches.</exception>
    TrialTrainingResult Train(PipelineSpec spec, string runFolder, Func<EpochMetrics, bool> onEpoch, CancellationToken cancellationToken);

    /// <summary>Scores the saved model on the pipeline's test set once and writes metrics.json, report.md and plots into <paramref name="reportFolder"/>.</summary>
    ClassifierMetrics Evaluate(PipelineSpec spec, string modelPath, string reportFolder);

    /// <summary>
    /// Scores saved models (e.g. trials' model.zip files) on <paramref name="spec"/>'s validation split, the images trials were
    /// ranked on, in one read of the data. The default finds Fashion-MNIST in the usual places; a trainer that knows where its
    /// data are says so by overriding it.
    /// </summary>
    /// <exception cref="InvalidOperationException">The pipeline has no validation split.</exception>
    /// <exception cref="InvalidDataException">A model is unreadable, or the models differ in classes or input; names the file.</exception>
    ValidationScores ScoreValidation(PipelineSpec spec, IReadOnlyList<string> modelPaths) => ValidationScoring.Score(spec, modelPaths, locator: null);
}
