using ClassifierToolkit.Pipelines;
using ClassifierToolkit.Data;
using ClassifierToolkit.Tests.Support;
using ClassifierToolkit.Torch.Training;
using ClassifierToolkit.Torch.Training.Callbacks;
using ClassifierToolkit.Torch.Training.Checkpoints;
using Microsoft.ML;

namespace ClassifierToolkit.Tests.Torch.Training.Checkpoints;

public class TrainingCheckpointTests
{
    private static TrainingSpec Augmented(int epochs) =>
        new() { Epochs = epochs, Seed = 2, Augmentation = new() { CropPadding = 2, HorizontalFlip = true } };

    private static TrainedClassifier Train(int epochs, ResumePoint? resume = null) => TrainWith(Augmented(epochs), [], resume);

    [Fact]
    public void Resume_AfterAKilledRun_EndsExactlyWhereAnUninterruptedRunEnds()
    {
        var uninterrupted = Train(epochs: 3);

        var folder = TestPaths.NewTempFolder();
        using (var kill = new CancellationTokenSource())
        {
            // "Kill" the run during epoch 3: the checkpoint then holds epochs 1–2.
            var options = new KillDuringEpoch(3, kill);
            Assert.ThrowsAny<OperationCanceledException>(() => TrainWithCallback(3, folder, options, kill.Token));
        }
        var resumePoint = TrainingCheckpoint.Read(folder);
        Assert.Equal(3, resumePoint.NextEpoch);

        var resumed = Train(epochs: 3, resume: resumePoint);

        Assert.Equal([1, 2, 3], resumed.History.Select(e => e.Epoch));
        Assert.Equal(uninterrupted.History.Select(e => e.TrainLoss), resumed.History.Select(e => e.TrainLoss));
        Assert.Equal(uninterrupted.OnnxModel, resumed.OnnxModel);
    }

    [Fact]
    public void Resume_WithBestWeightsAndEarlyStopping_ExportsTheSameModelAsAnUninterruptedRun()
    {
        // A high learning rate makes validation accuracy jump about, so the best epoch is rarely the last.
        var training = new TrainingSpec { Epochs = 5, Seed = 4, LearningRate = 0.01 };
        var uninterruptedBest = new BestWeights(MonitoredMetric.ValAccuracy);
        var uninterrupted = TrainWith(training, [uninterruptedBest, new EarlyStopping(MonitoredMetric.ValAccuracy, patience: 3)]);

        var folder = TestPaths.NewTempFolder();
        using (var kill = new CancellationTokenSource())
        {
            Assert.ThrowsAny<OperationCanceledException>(() => TrainWith(training,
                [new BestWeights(MonitoredMetric.ValAccuracy), new EarlyStopping(MonitoredMetric.ValAccuracy, patience: 3), new PeriodicCheckpoint(folder), new KillDuringEpoch(4, kill)],
                cancel: kill.Token));
        }
        var resumedBest = new BestWeights(MonitoredMetric.ValAccuracy);
        var resumed = TrainWith(training, [resumedBest, new EarlyStopping(MonitoredMetric.ValAccuracy, patience: 3)], TrainingCheckpoint.Read(folder));

        Assert.Equal(uninterrupted.History.Select(e => e.Epoch), resumed.History.Select(e => e.Epoch));
        Assert.Equal(uninterruptedBest.BestEpoch, resumedBest.BestEpoch);
        Assert.Equal(uninterrupted.OnnxModel, resumed.OnnxModel);
    }

    private static TrainedClassifier TrainWith(TrainingSpec training, ITrainingCallback[] callbacks,
        ResumePoint? resume = null, CancellationToken cancel = default)
    {
        var mlContext = new MLContext(training.Seed);
        var options = new ImageClassifierTrainer.Options
        {
            Training = training, Mean = [0.5f], Std = [0.5f], ClassNames = FashionMnist.ClassNames, Resume = resume, CancellationToken = cancel,
            ValidationSet = SampleData.Test.Take(200).ToDataView(mlContext),
        };
        foreach (var callback in callbacks) options.Callbacks.Add(callback);
        return new ImageClassifierTrainer(mlContext, options).FitWithDetails(SampleData.Train.Take(640).ToDataView(mlContext));
    }

    [Fact]
    public void Read_NoCheckpoint_ExplainsHowToGetOne()
    {
        var error = Assert.Throws<FileNotFoundException>(() => TrainingCheckpoint.Read(TestPaths.NewTempFolder()));
        Assert.Contains("checkpointEvery", error.Message);
    }

    private static TrainedClassifier TrainWithCallback(int epochs, string folder, ITrainingCallback callback, CancellationToken cancel) =>
        TrainWith(Augmented(epochs), [new PeriodicCheckpoint(folder), callback], cancel: cancel);

    private sealed class KillDuringEpoch(int epoch, CancellationTokenSource kill) : ITrainingCallback
    {
        public void OnBatchEnd(ClassifierToolkit.Training.BatchProgress progress)
        {
            if (progress.Epoch == epoch && progress.Batch == 3) kill.Cancel();
        }
    }
}
