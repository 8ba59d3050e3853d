using ClassifierToolkit.Pipelines;
using ClassifierToolkit.Data;
using ClassifierToolkit.Tests.Support;
using ClassifierToolkit.Torch.Training;
using ClassifierToolkit.Training;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace ClassifierToolkit.Tests.Torch.Training;

public class ImageClassifierTrainerTests
{
    private static ImageClassifierTrainer.Options SampleOptions(int epochs = 1) => new()
    {
        Training = new() { Epochs = epochs, Seed = 5 }, Mean = [0.5f], Std = [0.5f], ClassNames = FashionMnist.ClassNames,
    };

    [Fact]
    public void Fit_SampleImages_LearnsWellAboveChanceAndReportsEveryEpoch()
    {
        var mlContext = new MLContext(5);
        var recorder = new RecordingCallback();

        var trained = new ImageClassifierTrainer(mlContext, SampleOptions(epochs: 2))
            .FitWithDetails(SampleData.Train.ToDataView(mlContext), SampleData.Test.ToDataView(mlContext), new TrainingControl { Callbacks = [recorder] });

        Assert.Equal([1, 2], recorder.Epochs.Select(e => e.Epoch));
        Assert.True(recorder.Epochs[1].TrainLoss < recorder.Epochs[0].TrainLoss, "Training loss should fall between epochs.");
        Assert.True(recorder.Epochs[1].ValAccuracy > 0.6, $"Validation accuracy {recorder.Epochs[1].ValAccuracy} (chance is 0.1).");
        Assert.Equal(2 * 47, recorder.Batches);
        Assert.Equal(3000, recorder.Start!.TrainImages);
        Assert.Equal(421_642, trained.Parameters);
        var scored = trained.Transformer.Transform(SampleData.Test.ToDataView(mlContext));
        var predicted = scored.GetColumn<string>(ColumnNames.PredictedLabel).ToList();
        var truth = SampleData.Test.Labels.Select(l => FashionMnist.ClassNames[l]).ToList();
        double accuracy = predicted.Zip(truth).Count(p => p.First == p.Second) / (double)truth.Count;
        Assert.Equal(recorder.Epochs[1].ValAccuracy!.Value, accuracy, 3);
    }

    [Fact]
    public void Fit_SameSeed_SameWeights()
    {
        var first = Train(SampleOptions(), 640);
        var second = Train(SampleOptions(), 640);
        Assert.Equal(first.OnnxModel, second.OnnxModel);
    }

    [Fact]
    public void Fit_ImagesBeyondTheMemoryLimit_TrainsFromTheSpilledFileToTheSameWeightsAndCleansUp()
    {
        var folder = Directory.CreateTempSubdirectory("ctk-workspace-").FullName;
        var spilledOptions = SampleOptions();
        spilledOptions.InMemoryLimitBytes = 64 * 28 * 28 * sizeof(float);
        spilledOptions.WorkspacePath = folder;
        var chunksSeen = 0;
        var watcher = new FileSystemWatcher(folder) { EnableRaisingEvents = true };
        watcher.Created += (_, _) => Interlocked.Increment(ref chunksSeen);

        var spilled = Train(spilledOptions, 640);
        var inMemory = Train(SampleOptions(), 640);

        watcher.Dispose();
        Assert.Equal(inMemory.OnnxModel, spilled.OnnxModel);
        Assert.Equal(1, chunksSeen);
        Assert.Empty(Directory.GetFiles(folder));
        Directory.Delete(folder);
    }

    [Fact]
    public void Fit_HugeLearningRate_StopsWithADivergenceMessage()
    {
        var options = SampleOptions();
        options.Training = options.Training with { Optimizer = OptimizerKind.Sgd, LearningRate = 10 };
        var error = Assert.Throws<TrainingDivergedException>(() => Train(options, 640));
        Assert.Contains("learning rate 10 is likely too high", error.Message);
        Assert.Equal(1, error.Epoch);
    }

    [Fact]
    public void Fit_OneClass_ThrowsSayingTwoAreNeeded()
    {
        var options = SampleOptions();
        options.ClassNames = null;
        var oneClass = SampleData.Train.Select(Enumerable.Range(0, SampleData.Train.Count).Where(i => SampleData.Train.Labels[i] == 3).ToList());
        var error = Assert.Throws<InvalidDataException>(() => new ImageClassifierTrainer(new MLContext(1), options).Fit(oneClass.ToDataView(new MLContext(1))));
        Assert.Contains("one class only ('Dress')", error.Message);
    }

    [Fact]
    public void Fit_EmptyData_ThrowsSayingSo()
    {
        var options = SampleOptions();
        options.ClassNames = null;
        var empty = SampleData.Train.Select([]);
        var error = Assert.Throws<InvalidDataException>(() => new ImageClassifierTrainer(new MLContext(1), options).Fit(empty.ToDataView(new MLContext(1))));
        Assert.Contains("empty", error.Message);
    }

    [Fact]
    public void Fit_NoPixelsColumn_ThrowsListingColumns()
    {
        var mlContext = new MLContext(1);
        var files = mlContext.Data.LoadFromEnumerable(new[] { new ImageFile { ImagePath = "a.png", Label = "x" } });
        var error = Assert.Throws<ArgumentException>(() => new ImageClassifierTrainer(mlContext, SampleOptions()).Fit(files));
        Assert.Contains("no 'Pixels' column", error.Message);
        Assert.Contains("ImagePath", error.Message);
    }

    [Fact]
    public void Fit_CancelledMidEpoch_StopsPromptly()
    {
        using var cancellation = new CancellationTokenSource();
        var recorder = new RecordingCallback(onBatch: batch => { if (batch == 5) cancellation.Cancel(); });
        var control = new TrainingControl { Callbacks = [recorder], CancellationToken = cancellation.Token };
        Assert.ThrowsAny<OperationCanceledException>(() => Train(SampleOptions(epochs: 50), 3000, control));
        Assert.Equal(5, recorder.Batches);
    }

    [Fact]
    public void Constructor_UnknownModel_FailsBeforeTraining()
    {
        var options = SampleOptions();
        options.Model = new ModelSpec { Name = "resnet81" };
        var error = Assert.Throws<PipelineSpecException>(() => new ImageClassifierTrainer(new MLContext(1), options));
        Assert.Equal("$.model.name", error.JsonPath);
        Assert.Contains("Unknown model 'resnet81'. Did you mean", error.Message);
    }

    [Fact]
    public void GetOutputSchema_AddsScoreAndPredictedLabel()
    {
        var mlContext = new MLContext(1);
        var input = ClassifierToolkit.Prediction.SchemaShapes.Of(SampleData.Test.ToDataView(mlContext).Schema);
        var output = new ImageClassifierTrainer(mlContext, SampleOptions()).GetOutputSchema(input);
        Assert.Contains(output, c => c.Name == ColumnNames.Score);
        Assert.Contains(output, c => c.Name == ColumnNames.PredictedLabel);
    }

    private static TrainedClassifier Train(ImageClassifierTrainer.Options options, int images, TrainingControl? control = null)
    {
        var mlContext = new MLContext(1);
        return new ImageClassifierTrainer(mlContext, options).FitWithDetails(SampleData.Train.Take(images).ToDataView(mlContext), control: control);
    }

    private sealed class RecordingCallback(Action<int>? onBatch = null) : ITrainingCallback
    {
        public List<EpochMetrics> Epochs { get; } = [];
        public int Batches { get; private set; }
        public TrainingStart? Start { get; private set; }

        public void OnTrainingStart(TrainingStart start) => Start = start;

        public void OnBatchEnd(BatchProgress progress)
        {
            Batches++;
            onBatch?.Invoke(Batches);
        }

        public void OnEpochEnd(EpochMetrics metrics) => Epochs.Add(metrics);
    }
}
