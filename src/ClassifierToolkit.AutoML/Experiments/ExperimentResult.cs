using ClassifierToolkit.AutoML.Selection;
using ClassifierToolkit.AutoML.Trials;
using ClassifierToolkit.Evaluation;
using ClassifierToolkit.Pipelines;

namespace ClassifierToolkit.AutoML.Experiments;

/// <summary>What a search found.</summary>
/// <param name="Study">The study's name.</param>
/// <param name="Trials">Every trial, by number.</param>
/// <param name="Best">The best complete trial by the objective, or null when none completed.</param>
/// <param name="BestPipeline">The best trial's resolved pipeline (train it again with <c>ctk train</c>), or null.</param>
/// <param name="BestModelPath">The exported model (<c>best.zip</c>): the best configuration refit on training + validation data, or the best trial's own model when <see cref="Refit"/> says it was not refit; null when no trial completed.</param>
/// <param name="TestMetrics">The best model's metrics on the test set, scored once, or null.</param>
/// <param name="Elapsed">Wall time of this run of the search.</param>
public sealed record ExperimentResult(string Study, IReadOnlyList<TrialRecord> Trials, TrialRecord? Best, PipelineSpec? BestPipeline,
    string? BestModelPath, ClassifierMetrics? TestMetrics, TimeSpan Elapsed)
{
    /// <summary>Whether <see cref="BestModelPath"/> is the best configuration refit on training + validation data, and why not;
    /// null when no trial completed.</summary>
    public ExperimentRefit? Refit { get; init; }

    /// <summary>Every model the selection after the search measured on validation (each candidate trial, the ensemble, the
    /// flip-averaged ones), or empty when there was nothing to choose between.</summary>
    public IReadOnlyList<ModelChoice> Choices { get; init; } = [];

    /// <summary>The choice exported as <see cref="BestModelPath"/> (before a refit replaced its main trial's model), or null when
    /// there was no selection and best.zip is the best trial's model.</summary>
    public ModelChoice? Exported { get; init; }

    /// <summary>Why the selection did not run to the end (best.zip is then the best trial's model), or null.</summary>
    public string? SelectionNote { get; init; }

    /// <summary>Trials in <paramref name="state"/>.</summary>
    public int Count(TrialState state) => Trials.Count(t => t.State == state);
}
