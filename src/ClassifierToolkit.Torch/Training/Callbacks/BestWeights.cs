using ClassifierToolkit.Pipelines;
using ClassifierToolkit.IO;
using ClassifierToolkit.Torch.Training.Checkpoints;
using ClassifierToolkit.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace ClassifierToolkit.Torch.Training.Callbacks;

/// <summary>
/// Keeps a copy of the weights from the best epoch (by the monitored metric) and restores them when training ends.
/// The copy travels in checkpoints, so a resumed run still ends on the best epoch of the whole run.
/// </summary>
public sealed class BestWeights : ICheckpointedCallback, IDisposable
{
    /// <summary>The file in a checkpoint folder holding the best epoch's weights.</summary>
    public const string CheckpointFile = "best-weights.bin";

    private readonly MonitoredMetric _metric;
    private Dictionary<string, Tensor>? _bestWeights;
    private double? _best;

    /// <summary>Watches <paramref name="metric"/>.</summary>
    public BestWeights(MonitoredMetric metric = MonitoredMetric.ValLoss) => _metric = metric;

    /// <summary>The epoch whose weights are kept, or 0.</summary>
    public int BestEpoch { get; private set; }

    /// <inheritdoc />
    public void OnEpochEnd(EpochMetrics metrics, TrainingState state)
    {
        if (!Improves(metrics)) return;
        DisposeCopy();
        using var noGrad = no_grad();
        _bestWeights = state.Model.state_dict().ToDictionary(p => p.Key, p => p.Value.detach().clone().DetachFromDisposeScope());
    }

    /// <inheritdoc />
    public void OnTrainingEnd(TrainingState state)
    {
        if (_bestWeights is not null && BestEpoch != state.Epoch)
        {
            using var noGrad = no_grad();
            foreach (var (name, tensor) in state.Model.state_dict()) tensor.copy_(_bestWeights[name]);
        }
        DisposeCopy();
    }

    /// <inheritdoc />
    public void SaveState(string folder, TrainingState state)
    {
        var path = Path.Combine(folder, CheckpointFile);
        if (_bestWeights is null)
        {
            File.Delete(path);
            return;
        }
        AtomicFile.Write(path, temporary =>
        {
            using var writer = new BinaryWriter(File.Create(temporary));
            writer.Write(BestEpoch);
            writer.Write(_bestWeights.Count);
            foreach (var (name, tensor) in _bestWeights)
            {
                writer.Write(name);
                tensor.Save(writer);
            }
        });
    }

    /// <inheritdoc />
    /// <exception cref="InvalidDataException">The checkpoint lacks the best weights its history calls for, or they do not fit the model.</exception>
    public void RestoreState(string folder, TrainingState state)
    {
        DisposeCopy();
        _best = null;
        BestEpoch = 0;
        // The best value and epoch follow from the history; only the weights need the file.
        foreach (var epoch in state.History) Improves(epoch);
        if (BestEpoch == 0) return;
        var path = Path.Combine(folder, CheckpointFile);
        if (!File.Exists(path))
            throw new InvalidDataException($"The checkpoint in '{folder}' has no {CheckpointFile}, so the best weights (epoch {BestEpoch}) cannot be restored. Train again from the start.");
        using var reader = new BinaryReader(File.OpenRead(path));
        int savedEpoch = reader.ReadInt32();
        if (savedEpoch != BestEpoch)
            throw new InvalidDataException($"'{path}' holds the weights of epoch {savedEpoch}, but the checkpoint's history makes epoch {BestEpoch} the best.");
        var live = state.Model.state_dict();
        int count = reader.ReadInt32();
        var weights = new Dictionary<string, Tensor>(count);
        using var noGrad = no_grad();
        for (int i = 0; i < count; i++)
        {
            var name = reader.ReadString();
            if (!live.TryGetValue(name, out var current))
                throw new InvalidDataException($"'{path}' holds weights named '{name}', which the model does not have.");
            var copy = current.detach().clone().DetachFromDisposeScope();
            copy.Load(reader);
            weights[name] = copy;
        }
        _bestWeights = weights;
    }

    /// <inheritdoc />
    public void Dispose() => DisposeCopy();

    private bool Improves(EpochMetrics metrics)
    {
        double value = _metric.Read(metrics);
        if (_best is not null && !_metric.Improves(value, _best.Value, 0)) return false;
        _best = value;
        BestEpoch = metrics.Epoch;
        return true;
    }

    private void DisposeCopy()
    {
        if (_bestWeights is null) return;
        foreach (var tensor in _bestWeights.Values) tensor.Dispose();
        _bestWeights = null;
    }
}
