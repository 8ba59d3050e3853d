using ClassifierToolkit.Training;

namespace ClassifierToolkit.Torch.Training.Checkpoints;

/// <summary>Where an interrupted run continues: its finished epochs and the checkpoint holding its state.</summary>
/// <param name="Folder">The checkpoint folder.</param>
/// <param name="History">Metrics of the epochs already trained.</param>
internal sealed record ResumePoint(string Folder, IReadOnlyList<EpochMetrics> History)
{
    /// <summary>The next epoch to train.</summary>
    public int NextEpoch => History.Count == 0 ? 1 : History[^1].Epoch + 1;
}
