using ClassifierToolkit.Preprocessing;

namespace ClassifierToolkit.Torch.Models;

/// <summary>What every registered model is built from.</summary>
/// <param name="ClassCount">Number of output classes.</param>
/// <param name="Input">Channels and size of the input images.</param>
/// <param name="Activation">The non-linearity between layers.</param>
public sealed record ModelOptions(int ClassCount, InputShape Input, Activation Activation = Activation.Relu);
