using ClassifierToolkit.Torch.Training.Checkpoints;
using ClassifierToolkit.Training;

namespace ClassifierToolkit.Torch.Training.Callbacks;

/// <summary>
/// Saves a resumable checkpoint every <c>every</c> epochs and after the run's last epoch (the planned last, or the one
/// after which a callback such as early stopping asked to stop), so a finished run's checkpoint holds all its epochs.
/// Register it after the callbacks that may ask to stop.
/// </summary>
public sealed class PeriodicCheckpoint : ITrainingCallback
{
    private readonly string _folder;
    private readonly int _every;

    /// <summary>Writes into <paramref name="folder"/> every <paramref name="every"/> epochs.</summary>
    public PeriodicCheckpoint(string folder, int every = 1)
    {
        if (every < 1) throw new ArgumentOutOfRangeException(nameof(every), every, "Checkpoint every N epochs needs N of at least 1.");
        _folder = folder;
        _every = every;
    }

    /// <inheritdoc />
    public void OnEpochEnd(EpochMetrics metrics, TrainingState state)
    {
        if (metrics.Epoch % _every == 0 || metrics.Epoch >= state.Epochs || state.StopRequested) TrainingCheckpoint.Save(_folder, state);
    }
}
