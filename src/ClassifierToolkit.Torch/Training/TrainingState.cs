using ClassifierToolkit.Torch.Models;
using ClassifierToolkit.Torch.Training.Checkpoints;
using ClassifierToolkit.Training;
using static TorchSharp.torch;

namespace ClassifierToolkit.Torch.Training;

/// <summary>The live state of a training run, as callbacks see it after each epoch.</summary>
public sealed class TrainingState
{
    private readonly List<EpochMetrics> _history;

    internal TrainingState(ImageClassifierModule model, optim.Optimizer optimizer, Generator generator, IEnumerable<EpochMetrics> history, int epochs)
    {
        Epochs = epochs;
        Model = model;
        Optimizer = optimizer;
        Generator = generator;
        _history = history.ToList();
    }

    /// <summary>The model being trained.</summary>
    public ImageClassifierModule Model { get; }
    /// <summary>Its optimizer.</summary>
    public optim.Optimizer Optimizer { get; }
    /// <summary>The generator behind shuffling and augmentation (saved in checkpoints).</summary>
    public Generator Generator { get; }
    /// <summary>The epochs the run trains unless stopped early.</summary>
    public int Epochs { get; }
    /// <summary>Metrics of the finished epochs.</summary>
    public IReadOnlyList<EpochMetrics> History => _history;
    /// <summary>The last finished epoch (0 before the first).</summary>
    public int Epoch => _history.Count == 0 ? 0 : _history[^1].Epoch;
    /// <summary>The callbacks whose own state every checkpoint saves and a resume restores.</summary>
    internal IReadOnlyList<ICheckpointedCallback> CheckpointedCallbacks { get; init; } = [];
    /// <summary>Why a callback asked to stop, or null.</summary>
    public string? StopReason { get; private set; }
    /// <summary>True once a callback asked to stop after this epoch.</summary>
    public bool StopRequested => StopReason is not null;

    /// <summary>Ends training after the current epoch.</summary>
    public void RequestStop(string reason) => StopReason ??= reason;

    internal void Add(EpochMetrics metrics) => _history.Add(metrics);
}
