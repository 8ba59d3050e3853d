using ClassifierToolkit.Preprocessing;
using ClassifierToolkit.Training;
using Microsoft.ML;

namespace ClassifierToolkit.Torch.Training;

/// <summary>Everything a fit produced: the serving transformer and what was learned along the way.</summary>
/// <param name="Transformer">Maps <c>Pixels</c> to <c>Score</c> and <c>PredictedLabel</c>; saveable.</param>
/// <param name="OnnxModel">The exported network (<c>Pixels</c> → <c>Logits</c>).</param>
/// <param name="ClassNames">Class names, in score order.</param>
/// <param name="Input">The input shape and normalization.</param>
/// <param name="History">Per-epoch metrics.</param>
/// <param name="Parameters">Trainable parameter count.</param>
/// <param name="TrainingSeconds">Wall time of the training loop.</param>
/// <param name="TrainImages">Training images used.</param>
/// <param name="Compute">The number format, memory layout and threads training ran with on this machine, and why.</param>
public sealed record TrainedClassifier(ITransformer Transformer, byte[] OnnxModel, IReadOnlyList<string> ClassNames, InputShape Input,
    IReadOnlyList<EpochMetrics> History, long Parameters, double TrainingSeconds, int TrainImages, ComputeChoices? Compute = null);
