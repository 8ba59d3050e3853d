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
}
