using ClassifierToolkit.Pipelines;
using ClassifierToolkit.Data;
using ClassifierToolkit.Tests.Support;
using ClassifierToolkit.Torch.Models;
using ClassifierToolkit.Torch.Models.Registry;
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
        var training = new TrainingSpec { Epochs = 12, Seed = 4, LearningRate = 0.01 };
        const int patience = 2;
        var uninterruptedBest = new BestWeights(MonitoredMetric.ValAccuracy);
        var uninterrupted = TrainWith(training, [uninterruptedBest, new EarlyStopping(MonitoredMetric.ValAccuracy, patience)]);
        int best = uninterruptedBest.BestEpoch, last = uninterrupted.History[^1].Epoch;
        Assert.True(last < training.Epochs, "early stopping never fired, so this run cannot show its state surviving a resume");
        Assert.Equal(best + patience, last);

        // Kill the run during the epoch after the best one: the resumed run must remember both the best weights and the
        // patience already used, or it would export the wrong epoch or stop at another one.
        var folder = TestPaths.NewTempFolder();
        using (var kill = new CancellationTokenSource())
        {
            Assert.ThrowsAny<OperationCanceledException>(() => TrainWith(training,
                [new BestWeights(MonitoredMetric.ValAccuracy), new EarlyStopping(MonitoredMetric.ValAccuracy, patience), new PeriodicCheckpoint(folder), new KillDuringEpoch(best + 1, kill)],
                cancel: kill.Token));
        }
        Assert.Equal(best + 1, TrainingCheckpoint.Read(folder).NextEpoch);
        var resumedBest = new BestWeights(MonitoredMetric.ValAccuracy);
        var resumed = TrainWith(training, [resumedBest, new EarlyStopping(MonitoredMetric.ValAccuracy, patience)], TrainingCheckpoint.Read(folder));

        Assert.Equal(uninterrupted.History.Select(e => e.Epoch), resumed.History.Select(e => e.Epoch));
        Assert.Equal(best, resumedBest.BestEpoch);
        Assert.Equal(uninterrupted.OnnxModel, resumed.OnnxModel);
    }

    /// <summary>One model per registered family (the smallest), with dropout where the family has it and augmentation on.</summary>
    public static TheoryData<string, string> OneModelPerFamily()
    {
        var shape = new ClassifierToolkit.Preprocessing.InputShape(1, 28, 28);
        var families = ModelRegistry.Default.Names
            .Select(name =>
            {
                using var module = ModelRegistry.Default.Create(name, new ModelOptions(10, shape));
                return (Name: name, Family: module.GetType(), Size: module.ParameterCount());
            })
            .GroupBy(m => m.Family)
            .Select(g => g.MinBy(m => m.Size).Name);
        var data = new TheoryData<string, string>();
        foreach (var name in families)
            data.Add(name, name.StartsWith("cnn-plus", StringComparison.Ordinal) ? """{ "dropout": 0.3 }""" : name.StartsWith("vit", StringComparison.Ordinal) ? """{ "dropout": 0.2 }""" : "{}");
        return data;
    }

    [Theory]
    [MemberData(nameof(OneModelPerFamily))]
    public void Resume_EveryFamilyWithDropoutAndAugmentation_ExportsTheSameBytesAsAnUninterruptedRun(string modelName, string settingsJson)
    {
        var settings = System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, double>>(settingsJson)!;
        var modelSpec = new ModelSpec { Name = modelName, Settings = settings };
        var training = new TrainingSpec { Epochs = 3, Seed = 6, Augmentation = new() { CropPadding = 2, HorizontalFlip = true } };
        var uninterrupted = TrainWith(training, [], model: modelSpec, trainImages: 320);

        var folder = TestPaths.NewTempFolder();
        using (var kill = new CancellationTokenSource())
        {
            // Killed between epochs 2 and 3: the checkpoint holds epochs 1–2.
            Assert.ThrowsAny<OperationCanceledException>(() => TrainWith(training, [new PeriodicCheckpoint(folder), new KillAfterEpoch(2, kill)],
                cancel: kill.Token, model: modelSpec, trainImages: 320));
        }
        // A new process starts with other global random state: disturb it as one would.
        TorchSharp.torch.manual_seed(12345);
        using (TorchSharp.torch.rand(1000)) { }

        var resumed = TrainWith(training, [], TrainingCheckpoint.Read(folder), model: modelSpec, trainImages: 320);

        Assert.Equal(uninterrupted.History.Select(e => e.TrainLoss), resumed.History.Select(e => e.TrainLoss));
        Assert.Equal(uninterrupted.OnnxModel, resumed.OnnxModel);
    }

    [Fact]
    public void PeriodicCheckpoint_EpochsNotAMultiple_AlsoSavesAfterTheLastEpoch()
    {
        var folder = TestPaths.NewTempFolder();
        TrainWith(new TrainingSpec { Epochs = 4, Seed = 2 }, [new PeriodicCheckpoint(folder, every: 3)], trainImages: 128);
        Assert.Equal([1, 2, 3, 4], TrainingCheckpoint.Read(folder).History.Select(e => e.Epoch));
    }

    private static TrainedClassifier TrainWith(TrainingSpec training, ITrainingCallback[] callbacks,
        ResumePoint? resume = null, CancellationToken cancel = default, ModelSpec? model = null, int trainImages = 640)
    {
        var mlContext = new MLContext(training.Seed);
        var options = new ImageClassifierTrainer.Options
        {
            Model = model ?? new ModelSpec(), Training = training, Mean = [0.5f], Std = [0.5f], ClassNames = FashionMnist.ClassNames,
        };
        var control = new TrainingControl { Callbacks = callbacks, Resume = resume, CancellationToken = cancel };
        return new ImageClassifierTrainer(mlContext, options)
            .FitWithDetails(SampleData.Train.Take(trainImages).ToDataView(mlContext), SampleData.Test.Take(200).ToDataView(mlContext), control);
    }

    [Fact]
    public void Read_NoCheckpoint_ExplainsHowToGetOne()
    {
        var error = Assert.Throws<FileNotFoundException>(() => TrainingCheckpoint.Read(TestPaths.NewTempFolder()));
        Assert.Contains("checkpointEvery", error.Message);
    }

    private static TrainedClassifier TrainWithCallback(int epochs, string folder, ITrainingCallback callback, CancellationToken cancel) =>
        TrainWith(Augmented(epochs), [new PeriodicCheckpoint(folder), callback], cancel: cancel);

    private sealed class KillAfterEpoch(int epoch, CancellationTokenSource kill) : ITrainingCallback
    {
        public void OnEpochEnd(ClassifierToolkit.Training.EpochMetrics metrics, TrainingState state)
        {
            if (metrics.Epoch == epoch) kill.Cancel();
        }
    }

    private sealed class KillDuringEpoch(int epoch, CancellationTokenSource kill) : ITrainingCallback
    {
        public void OnBatchEnd(ClassifierToolkit.Training.BatchProgress progress)
        {
            if (progress.Epoch == epoch && progress.Batch == 3) kill.Cancel();
        }
    }
}
