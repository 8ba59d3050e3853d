using ClassifierToolkit.Data;
using ClassifierToolkit.Evaluation;
using ClassifierToolkit.Pipelines;
using ClassifierToolkit.Torch.Training;
using ClassifierToolkit.Training;
using Microsoft.ML;

namespace ClassifierToolkit.Torch.Experiments;

/// <summary>
/// Trains search trials through <see cref="TrainingRun"/>, the path <c>ctk train</c> uses: one training loop, the same
/// callbacks, the same saved model. Pruning is a callback that asks the search after every epoch.
/// </summary>
public sealed class TorchTrialTrainer : ITrialTrainer
{
    private readonly FashionMnistLocator? _locator;
    private readonly IReadOnlyList<ITrainingCallback> _callbacks;

    /// <summary>A trainer for search trials.</summary>
    /// <param name="locator">Finds Fashion-MNIST (default: the pipeline's data path, then the usual places).</param>
    /// <param name="callbacks">Extra callbacks for every trial (e.g. a progress display).</param>
    public TorchTrialTrainer(FashionMnistLocator? locator = null, IReadOnlyList<ITrainingCallback>? callbacks = null)
    {
        _locator = locator;
        _callbacks = callbacks ?? [];
    }

    /// <inheritdoc />
    public void Check(PipelineSpec spec) => PipelineTrainerOptions.Check(spec);

    /// <inheritdoc />
    public TrialTrainingResult Train(PipelineSpec spec, string runFolder, Func<EpochMetrics, bool> onEpoch, CancellationToken cancellationToken)
    {
        var options = new TrainingRunOptions
        {
            Spec = spec,
            ModelPath = Path.Combine(runFolder, "model.zip"),
            ReportDirectory = runFolder,
            Locator = _locator,
            CancellationToken = cancellationToken,
            Callbacks = [.. _callbacks, new SearchCallback(onEpoch)],
        };
        var trained = TrainingRun.Train(new MLContext(spec.Training.Seed), options);
        return new TrialTrainingResult(options.ModelPath, trained.History) { TrainImages = trained.TrainImages };
    }

    /// <inheritdoc />
    public ClassifierMetrics Evaluate(PipelineSpec spec, string modelPath, string reportFolder) =>
        TrainingRun.Evaluate(new MLContext(spec.Training.Seed), spec, modelPath, reportFolder, _locator);

    /// <inheritdoc />
    public ValidationScores ScoreValidation(PipelineSpec spec, IReadOnlyList<string> modelPaths) => ValidationScoring.Score(spec, modelPaths, _locator);

    /// <summary>Sets the compute threads of this process (worker processes split the cores between them).</summary>
    public static void UseThreads(int threads)
    {
        if (threads < 1) throw new ArgumentOutOfRangeException(nameof(threads), threads, "A worker needs at least one thread.");
        TorchSharp.torch.set_num_threads(threads);
    }

    private sealed class SearchCallback(Func<EpochMetrics, bool> onEpoch) : ITrainingCallback
    {
        public void OnEpochEnd(EpochMetrics metrics, TrainingState state)
        {
            if (!onEpoch(metrics)) state.RequestStop("pruned by the search");
        }
    }
}
