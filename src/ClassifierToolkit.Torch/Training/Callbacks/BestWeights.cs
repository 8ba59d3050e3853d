using ClassifierToolkit.Training;
using static TorchSharp.torch;

namespace ClassifierToolkit.Torch.Training.Callbacks;

/// <summary>Keeps a copy of the weights from the best epoch (by the monitored metric) and restores them when training ends.</summary>
public sealed class BestWeights : ITrainingCallback, IDisposable
{
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
        double value = _metric.Read(metrics);
        if (_best is not null && !_metric.Improves(value, _best.Value, 0)) return;
        _best = value;
        BestEpoch = metrics.Epoch;
        DisposeCopy();
        using var noGrad = no_grad();
        _bestWeights = state.Model.state_dict().ToDictionary(p => p.Key, p => p.Value.detach().clone().DetachFromDisposeScope());
    }

    /// <inheritdoc />
    public void OnTrainingEnd(TrainingState state)
    {
        if (_bestWeights is null || BestEpoch == state.Epoch) return;
        using var noGrad = no_grad();
        foreach (var (name, tensor) in state.Model.state_dict()) tensor.copy_(_bestWeights[name]);
    }

    /// <inheritdoc />
    public void Dispose() => DisposeCopy();

    private void DisposeCopy()
    {
        if (_bestWeights is null) return;
        foreach (var tensor in _bestWeights.Values) tensor.Dispose();
        _bestWeights = null;
    }
}
