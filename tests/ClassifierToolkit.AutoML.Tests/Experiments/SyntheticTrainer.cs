using ClassifierToolkit.AutoML.Experiments;
using ClassifierToolkit.Evaluation;
using ClassifierToolkit.Pipelines;
using ClassifierToolkit.Training;

namespace ClassifierToolkit.AutoML.Tests.Experiments;

/// <summary>
/// Stands in for TorchSharp training in runner tests: a trial's validation accuracy is a known function of its learning
/// rate (best at 0.003), rising over its epochs, so search and pruning decisions can be checked exactly.
/// </summary>
internal sealed class SyntheticTrainer : ITrialTrainer
{
    /// <summary>The synthetic data's images before the validation split.</summary>
    public const int ImagesBeforeSplit = 1000;
    private int _trained;
    private int _evaluated;

    /// <summary>Throws for this learning rate (a failing trial).</summary>
    public double? FailAtLearningRate { get; init; }
    /// <summary>Wall time per epoch.</summary>
    public TimeSpan EpochTime { get; init; } = TimeSpan.Zero;
    /// <summary>Throws when training on all the data (a failing refit).</summary>
    public bool FailRefit { get; init; }
    /// <summary>Called when a refit (training without a validation split) starts.</summary>
    public Action? OnRefit { get; init; }
    public int Trained => _trained;
    public int Evaluated => _evaluated;

    public void Check(PipelineSpec spec)
    {
        if (spec.Model.Name == "no-such-model") throw new PipelineSpecException(spec.SourceFile, "$.model.name", "Unknown model 'no-such-model'.");
    }

    public static double Accuracy(double learningRate, int epoch, int epochs) =>
        0.9 - 0.1 * Math.Pow(Math.Log10(learningRate / 0.003), 2) - 0.05 * (epochs - epoch) / (double)epochs;

    public TrialTrainingResult Train(PipelineSpec spec, string runFolder, Func<EpochMetrics, bool> onEpoch, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _trained);
        if (spec.Training.LearningRate == FailAtLearningRate) throw new InvalidDataException("synthetic failure");
        bool refit = spec.Data.ValidationFraction == 0;
        if (refit) OnRefit?.Invoke();
        if (refit && FailRefit) throw new InvalidDataException("synthetic refit failure");
        var history = new List<EpochMetrics>();
        for (int epoch = 1; epoch <= spec.Training.Epochs; epoch++)
        {
            var deadline = DateTime.UtcNow + EpochTime;
            do { cancellationToken.ThrowIfCancellationRequested(); Thread.Sleep(10); } while (DateTime.UtcNow < deadline);
            var accuracy = Accuracy(spec.Training.LearningRate, epoch, spec.Training.Epochs);
            var metrics = refit ? new EpochMetrics(epoch, 1 - accuracy, null, null, EpochTime.TotalSeconds, spec.Training.LearningRate)
                : new EpochMetrics(epoch, 1 - accuracy, 1 - accuracy, accuracy, EpochTime.TotalSeconds, spec.Training.LearningRate);
            history.Add(metrics);
            if (!onEpoch(metrics)) break;
        }
        Directory.CreateDirectory(runFolder);
        var model = Path.Combine(runFolder, "model.zip");
        File.WriteAllText(model, $"model lr={spec.Training.LearningRate}{(refit ? $" refit epochs={spec.Training.Epochs}" : "")}");
        return new TrialTrainingResult(model, history) { TrainImages = (int)Math.Round(ImagesBeforeSplit * (1 - spec.Data.ValidationFraction)) };
    }

    public ClassifierMetrics Evaluate(PipelineSpec spec, string modelPath, string reportFolder)
    {
        Interlocked.Increment(ref _evaluated);
        return new ClassifierMetrics { MicroAccuracy = Accuracy(spec.Training.LearningRate, spec.Training.Epochs, spec.Training.Epochs), TestImages = 100 };
    }
}
