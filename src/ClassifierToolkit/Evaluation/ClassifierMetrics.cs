using System.Text.Json.Serialization;
using ClassifierToolkit.Data;
using ClassifierToolkit.Training;

namespace ClassifierToolkit.Evaluation;

/// <summary>What <c>metrics.json</c> holds: test metrics from ML.NET's evaluator plus size and speed.</summary>
public sealed record ClassifierMetrics
{
    /// <summary>Fraction of test images classified correctly.</summary>
    public double MicroAccuracy { get; init; }
    /// <summary>Mean of per-class accuracies.</summary>
    public double MacroAccuracy { get; init; }
    /// <summary>Mean cross-entropy on the test set.</summary>
    public double LogLoss { get; init; }
    /// <summary>Log-loss per class, in <see cref="Classes"/> order.</summary>
    public IReadOnlyList<double> PerClassLogLoss { get; init; } = [];
    /// <summary>Class names.</summary>
    public IReadOnlyList<string> Classes { get; init; } = [];
    /// <summary>Counts: rows are true classes, columns predicted classes.</summary>
    public IReadOnlyList<IReadOnlyList<long>> ConfusionMatrix { get; init; } = [];
    /// <summary>Test images evaluated.</summary>
    public int TestImages { get; init; }
    /// <summary>Trainable parameters (null when evaluating a saved model).</summary>
    public long? Parameters { get; init; }
    /// <summary>Size of the saved .zip in bytes.</summary>
    public long ModelSizeBytes { get; init; }
    /// <summary>Wall time of the training loop (null when evaluating a saved model).</summary>
    public double? TrainingSeconds { get; init; }
    /// <summary>Training images per epoch.</summary>
    public int? TrainImages { get; init; }
    /// <summary>Milliseconds per image when scoring the test set in bulk.</summary>
    public double InferenceMsPerSample { get; init; }
    /// <summary>Milliseconds for one image file through <c>PredictionEngine</c> (decode included).</summary>
    public double SingleImageMs { get; init; }
    /// <summary>Image files left out as unusable (broken, not an image, ...), with the reasons; empty when none.</summary>
    public IReadOnlyList<SkippedImage> SkippedFiles { get; init; } = [];
    /// <summary>Image files over <see cref="ImageSizeLimit.MaxPixels"/>, used through a reduced copy (not skipped); empty when none.</summary>
    public IReadOnlyList<ReducedImage> ReducedFiles { get; init; } = [];
    /// <summary>The misclassified test images with the lowest probability on their true class, worst first (at most
    /// <see cref="ClassifierEvaluator.TopLossCount"/>); empty when every image was right, or in a metrics.json written before they were kept.</summary>
    public IReadOnlyList<TopLoss> TopLosses { get; init; } = [];
    /// <summary>The most frequent mistakes, from <see cref="ConfusionMatrix"/>: true → predicted class pairs, most images first
    /// (at most <see cref="ConfusedPair.ReportedCount"/>).</summary>
    public IReadOnlyList<ConfusedPair> MostConfused => ConfusedPair.MostConfused(Classes, ConfusionMatrix);
    /// <summary>Per-epoch training history.</summary>
    public IReadOnlyList<EpochMetrics> Epochs { get; init; } = [];
    /// <summary>How training computed on its machine (CPU features, precision, memory format, threads) and why; omitted when unknown
    /// (a model evaluated without its run folder).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ComputeChoices? Compute { get; init; }
    /// <summary>What the reader must know about the data, e.g. that a small bundled sample stood in for the full set; omitted when null.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? DataNote { get; init; }
    /// <summary>Every test image's prediction, in test-set order: written beside metrics.json as <c>predictions.csv</c>, not into it
    /// (a test set of any size would swell it); empty in metrics read back from a file.</summary>
    [JsonIgnore]
    internal IReadOnlyList<TestPrediction> Predictions { get; init; } = [];
}
