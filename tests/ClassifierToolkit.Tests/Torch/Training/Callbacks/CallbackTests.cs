using ClassifierToolkit.Pipelines;
using ClassifierToolkit.Data;
using ClassifierToolkit.Tests.Support;
using ClassifierToolkit.Torch.Training;
using ClassifierToolkit.Torch.Training.Callbacks;
using ClassifierToolkit.Training;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace ClassifierToolkit.Tests.Torch.Training.Callbacks;

public class CallbackTests
{
    [Fact]
    public void EarlyStopping_StalledMetric_StopsAfterPatienceEpochs()
    {
        var stopping = new EarlyStopping(MonitoredMetric.ValLoss, patience: 2, minDelta: 0.01);
        var state = TrainingStateFactory.Empty();
        foreach (var (epoch, loss) in new[] { (1, 1.0), (2, 0.5), (3, 0.495), (4, 0.6) })
        {
            Assert.False(state.StopRequested, $"stopped before epoch {epoch}");
            stopping.OnEpochEnd(new EpochMetrics(epoch, 1, loss, 0.5, 1, 1e-3), state);
        }
        Assert.True(state.StopRequested);
        Assert.Contains("has not improved", state.StopReason);
    }

    [Fact]
    public void EarlyStopping_NoValidationSet_SaysWhatIsMissing()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            new EarlyStopping().OnEpochEnd(new EpochMetrics(1, 1, null, null, 1, 1e-3), TrainingStateFactory.Empty()));
        Assert.Contains("validation", error.Message);
    }

    [Fact]
    public void EarlyStopping_ZeroPatience_IsRejected()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new EarlyStopping(patience: 0));
        Assert.Contains("patience", error.Message);
    }

    [Fact]
    public void Trainer_RecipeWithKeepBestAndEarlyStopping_AppliesThemWithoutCallbacksFromTheCaller()
    {
        var mlContext = new MLContext(3);
        var options = new ImageClassifierTrainer.Options
        {
            Training = new()
            {
                Epochs = 12, Seed = 3, LearningRate = 0.01, KeepBest = MonitoredMetric.ValAccuracy,
                EarlyStopping = new EarlyStoppingSpec { Metric = MonitoredMetric.ValAccuracy, Patience = 2 },
            },
            Mean = [0.5f], Std = [0.5f], ClassNames = FashionMnist.ClassNames,
        };

        var trained = new ImageClassifierTrainer(mlContext, options)
            .FitWithDetails(SampleData.Train.Take(1500).ToDataView(mlContext), SampleData.Test.ToDataView(mlContext));

        Assert.True(trained.History.Count < 12, $"trained all {trained.History.Count} epochs: the recipe's early stopping was ignored");
    }

    [Fact]
    public void Trainer_WithEarlyStoppingAndBestWeights_StopsEarlyAndExportsTheBestEpoch()
    {
        var mlContext = new MLContext(3);
        var best = new BestWeights(MonitoredMetric.ValAccuracy);
        var options = new ImageClassifierTrainer.Options
        {
            // A learning rate this high makes validation accuracy fluctuate, so the best epoch is rarely the last.
            Training = new() { Epochs = 12, Seed = 3, LearningRate = 0.01 },
            Mean = [0.5f], Std = [0.5f], ClassNames = FashionMnist.ClassNames,
        };
        var control = new TrainingControl { Callbacks = [best, new EarlyStopping(MonitoredMetric.ValAccuracy, patience: 2)] };

        var trained = new ImageClassifierTrainer(mlContext, options)
            .FitWithDetails(SampleData.Train.Take(1500).ToDataView(mlContext), SampleData.Test.ToDataView(mlContext), control);

        Assert.True(trained.History.Count < 12, $"trained all {trained.History.Count} epochs");
        var bestAccuracy = trained.History.Max(e => e.ValAccuracy!.Value);
        Assert.Equal(trained.History.First(e => e.ValAccuracy == bestAccuracy).Epoch, best.BestEpoch);
        var scored = trained.Transformer.Transform(SampleData.Test.ToDataView(mlContext));
        var predicted = scored.GetColumn<string>(ColumnNames.PredictedLabel).ToList();
        double accuracy = predicted.Where((label, i) => label == FashionMnist.ClassNames[SampleData.Test.Labels[i]]).Count() / (double)predicted.Count;
        Assert.Equal(bestAccuracy, accuracy, 3);
    }

    [Fact]
    public void TensorBoardLogger_WritesAnEventFile()
    {
        var folder = TestPaths.NewTempFolder();
        var logger = new TensorBoardLogger(folder);
        logger.OnEpochEnd(new EpochMetrics(1, 0.5, 0.4, 0.9, 1, 1e-3));
        logger.OnEpochEnd(new EpochMetrics(2, 0.3, 0.35, 0.91, 1, 1e-3));
        var file = Assert.Single(Directory.GetFiles(folder, "events.out.tfevents.*", SearchOption.AllDirectories));
        Assert.True(new FileInfo(file).Length > 0);
    }
}
