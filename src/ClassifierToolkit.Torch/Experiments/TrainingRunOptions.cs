using ClassifierToolkit.Data;
using ClassifierToolkit.Pipelines;
using ClassifierToolkit.Torch.Training;

namespace ClassifierToolkit.Torch.Experiments;

/// <summary>One training run of a pipeline: the spec (overrides already applied) and where results go.</summary>
public sealed record TrainingRunOptions
{
    /// <summary>The pipeline.</summary>
    public required PipelineSpec Spec { get; init; }
    /// <summary>Where the model .zip is written.</summary>
    public required string ModelPath { get; init; }
    /// <summary>Where metrics.json, report.md, the plots and the resolved pipeline are written.</summary>
    public required string ReportDirectory { get; init; }
    /// <summary>Finds Fashion-MNIST (default: the spec's data path, then the usual places).</summary>
    public FashionMnistLocator? Locator { get; init; }
    /// <summary>Continue the interrupted run whose checkpoint is in the report folder.</summary>
    public bool Resume { get; init; }
    /// <summary>Hooks into training (progress display, ...), added to those the spec asks for.</summary>
    public IReadOnlyList<ITrainingCallback> Callbacks { get; init; } = [];
    /// <summary>Stops the run between batches.</summary>
    public CancellationToken CancellationToken { get; init; }
}
