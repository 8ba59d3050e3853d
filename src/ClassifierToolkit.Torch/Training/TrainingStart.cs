using ClassifierToolkit.Training;

namespace ClassifierToolkit.Torch.Training;

/// <summary>What a training run is about to do.</summary>
/// <param name="ModelName">Registered model name.</param>
/// <param name="Parameters">Trainable parameter count.</param>
/// <param name="TrainImages">Training images.</param>
/// <param name="ValidationImages">Validation images (0 when none).</param>
/// <param name="Epochs">Epochs planned.</param>
/// <param name="Device">Device used.</param>
/// <param name="FirstEpoch">1, or the epoch a resumed run continues with.</param>
/// <param name="Compute">The number format, memory layout and threads chosen for this machine, with reasons and warnings.</param>
public sealed record TrainingStart(string ModelName, long Parameters, int TrainImages, int ValidationImages, int Epochs, string Device, int FirstEpoch = 1,
    ComputeChoices? Compute = null);
