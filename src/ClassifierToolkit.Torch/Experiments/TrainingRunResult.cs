using ClassifierToolkit.Evaluation;
using ClassifierToolkit.Torch.Training;

namespace ClassifierToolkit.Torch.Experiments;

/// <summary>What a training run produced.</summary>
/// <param name="Metrics">Test metrics, also written to metrics.json.</param>
/// <param name="ModelPath">The saved .zip.</param>
/// <param name="ReportDirectory">Folder holding the report.</param>
/// <param name="Trained">The trained classifier (history, ONNX bytes, ...).</param>
public sealed record TrainingRunResult(ClassifierMetrics Metrics, string ModelPath, string ReportDirectory, TrainedClassifier Trained);
