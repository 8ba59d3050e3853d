using ClassifierToolkit.Pipelines;
using ClassifierToolkit.Tests.Support;
using ClassifierToolkit.Torch.Training;
using ClassifierToolkit.Torch.Training.Callbacks;
using ClassifierToolkit.Training;
using static TorchSharp.torch;

namespace ClassifierToolkit.Tests.Torch.Training.Callbacks;

public class CheckpointedCallbackTests
{
    [Fact]
    public void BestWeights_RestoredFromACheckpoint_StillEndsOnTheBestEpochOfTheWholeRun()
    {
        var folder = TestPaths.NewTempFolder();
        var state = TrainingStateFactory.Empty();
        var best = new BestWeights(MonitoredMetric.ValAccuracy);
        Step(best, state, new EpochMetrics(1, 1, 0.5, 0.90, 1, 1e-3));
        var bestEpochWeights = Snapshot(state);
        Perturb(state);
        Step(best, state, new EpochMetrics(2, 1, 0.6, 0.80, 1, 1e-3));
        best.SaveState(folder, state);
        best.Dispose();

        // A new process: a fresh callback and a model holding the last epoch's weights.
        var resumed = new BestWeights(MonitoredMetric.ValAccuracy);
        resumed.RestoreState(folder, state);
        Assert.Equal(1, resumed.BestEpoch);
        Perturb(state);
        Step(resumed, state, new EpochMetrics(3, 1, 0.7, 0.85, 1, 1e-3));
        resumed.OnTrainingEnd(state);

        Assert.Equal(1, resumed.BestEpoch);
        foreach (var (name, tensor) in state.Model.state_dict())
            Assert.True(tensor.eq(bestEpochWeights[name]).all().item<bool>(), $"{name} differs from epoch 1's weights");
    }

    [Fact]
    public void BestWeights_CheckpointWithoutItsFile_SaysTheBestWeightsAreMissing()
    {
        var state = TrainingStateFactory.Empty();
        state.Add(new EpochMetrics(1, 1, 0.5, 0.9, 1, 1e-3));
        var error = Assert.Throws<InvalidDataException>(() => new BestWeights().RestoreState(TestPaths.NewTempFolder(), state));
        Assert.Contains(BestWeights.CheckpointFile, error.Message);
    }

    [Fact]
    public void EarlyStopping_RestoredFromTheHistory_KeepsCountingWhereTheKilledRunStopped()
    {
        var state = TrainingStateFactory.Empty();
        foreach (var (epoch, loss) in new[] { (1, 1.0), (2, 0.5), (3, 0.6) }) state.Add(new EpochMetrics(epoch, 1, loss, 0.5, 1, 1e-3));

        var stopping = new EarlyStopping(MonitoredMetric.ValLoss, patience: 2);
        stopping.RestoreState(TestPaths.NewTempFolder(), state);
        Assert.False(state.StopRequested);
        Step(stopping, state, new EpochMetrics(4, 1, 0.7, 0.5, 1, 1e-3));

        // Epochs 3 and 4 did not beat epoch 2: patience 2 is used up across the resume.
        Assert.True(state.StopRequested);
    }

    private static void Step(ITrainingCallback callback, TrainingState state, EpochMetrics metrics)
    {
        state.Add(metrics);
        callback.OnEpochEnd(metrics, state);
    }

    private static Dictionary<string, Tensor> Snapshot(TrainingState state) =>
        state.Model.state_dict().ToDictionary(p => p.Key, p => p.Value.detach().clone());

    private static void Perturb(TrainingState state)
    {
        using var noGrad = no_grad();
        foreach (var tensor in state.Model.parameters()) tensor.add_(0.5f);
    }
}
