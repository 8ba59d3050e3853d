using TorchSharp.Modules;

namespace ClassifierToolkit.Torch.Training;

/// <summary>Parameters the optimizer steps together, at <see cref="LearningRateFactor"/> × the recipe's learning rate.</summary>
/// <param name="Parameters">The group's parameters.</param>
/// <param name="LearningRateFactor">Scales the (scheduled) learning rate for this group.</param>
internal sealed record ParameterGroup(IReadOnlyList<Parameter> Parameters, double LearningRateFactor);
