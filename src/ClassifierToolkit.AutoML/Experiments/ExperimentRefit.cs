using ClassifierToolkit.Pipelines;

namespace ClassifierToolkit.AutoML.Experiments;

/// <summary>
/// The refit after a search: the best trial's configuration trained once more on training + validation data for its best
/// epoch count, without early stopping or best-weights (they need validation data). That model is <c>best.zip</c> and the one
/// tested; the search's own model is kept as <c>best-search.zip</c>. When the refit is skipped, fails or is cancelled,
/// <c>best.zip</c> is the search's model and <see cref="SkippedBecause"/> says why.
/// </summary>
/// <param name="Trial">The trial whose configuration was (or would have been) refit.</param>
/// <param name="Epochs">Its best epoch (1-based), where <paramref name="Objective"/> was best on validation: the refit's epoch count.</param>
/// <param name="Objective">The validation metric the configuration was chosen on.</param>
/// <param name="Validation">That metric's value at the best epoch (a loss as a loss, not negated).</param>
/// <param name="SkippedBecause">Why <c>best.zip</c> is the search's model, not a refit one; null when it is the refit model.</param>
public sealed record ExperimentRefit(int Trial, int Epochs, MonitoredMetric Objective, double Validation, string? SkippedBecause)
{
    /// <summary>True when <c>best.zip</c> is the refit model.</summary>
    public bool IsRefit => SkippedBecause is null;
    /// <summary>Images the refit model was trained on (training + validation), or null when it was not refit.</summary>
    public int? TrainImages { get; init; }
    /// <summary>The search's own best model (<c>best-search.zip</c>) when a refit model replaced it as <c>best.zip</c>, else null.</summary>
    public string? SearchModelPath { get; init; }
}
