using ClassifierToolkit.Pipelines;
using ClassifierToolkit.Torch.Training.Checkpoints;
using ClassifierToolkit.Training;

namespace ClassifierToolkit.Torch.Training.Callbacks;

/// <summary>
/// Stops training when the monitored metric has not improved by <c>minDelta</c> for <c>patience</c> epochs.
/// Its counters follow from the history alone, so a resume replays the history instead of saving anything.
/// </summary>
public sealed class EarlyStopping : ICheckpointedCallback
{
    private readonly MonitoredMetric _metric;
    private readonly int _patience;
    private readonly double _minDelta;
    private double? _best;
    private int _epochsWithoutImprovement;

    /// <summary>Creates the policy.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Patience below 1 or a negative minimum delta.</exception>
    public EarlyStopping(MonitoredMetric metric = MonitoredMetric.ValLoss, int patience = 3, double minDelta = 0)
    {
        if (patience < 1) throw new ArgumentOutOfRangeException(nameof(patience), patience, "The value of patience must be at least 1.");
        if (minDelta < 0) throw new ArgumentOutOfRangeException(nameof(minDelta), minDelta, "The value of minDelta must not be negative.");
        _metric = metric;
        _patience = patience;
        _minDelta = minDelta;
    }

    /// <inheritdoc />
    public void OnEpochEnd(EpochMetrics metrics, TrainingState state)
    {
        double value = _metric.Read(metrics);
        if (_best is null || _metric.Improves(value, _best.Value, _minDelta))
        {
            _best = value;
            _epochsWithoutImprovement = 0;
            return;
        }
        if (++_epochsWithoutImprovement >= _patience)
            state.RequestStop($"early stopping: {_metric} has not improved on {_best:G4} for {_patience} epoch(s)");
    }

    /// <inheritdoc />
    public void SaveState(string folder, TrainingState state) { }

    /// <inheritdoc />
    public void RestoreState(string folder, TrainingState state)
    {
        _best = null;
        _epochsWithoutImprovement = 0;
        foreach (var epoch in state.History) OnEpochEnd(epoch, state);
    }
}
