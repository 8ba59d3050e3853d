namespace ClassifierToolkit.Torch.Training.Checkpoints;

/// <summary>
/// A callback with state of its own that a resumed run must get back (best weights, early-stopping counters).
/// Every checkpoint saves it; a resume restores it after the model, optimizer and history.
/// </summary>
internal interface ICheckpointedCallback : ITrainingCallback
{
    /// <summary>Writes this callback's state into the checkpoint <paramref name="folder"/> (atomically).</summary>
    void SaveState(string folder, TrainingState state);

    /// <summary>Reads it back from <paramref name="folder"/>; <paramref name="state"/> already holds the restored model and history.</summary>
    void RestoreState(string folder, TrainingState state);
}
