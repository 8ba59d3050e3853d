using ClassifierToolkit.Pipelines;
using ClassifierToolkit.Preprocessing;

namespace ClassifierToolkit.Torch.Models;

/// <summary>What every registered model is built from.</summary>
/// <param name="ClassCount">Number of output classes.</param>
/// <param name="Input">Channels and size of the input images.</param>
/// <param name="Activation">The non-linearity between layers.</param>
/// <param name="Settings">Family-specific settings (width, depth, ...); null means the family's defaults.</param>
public sealed record ModelOptions(int ClassCount, InputShape Input, Activation Activation = Activation.Relu, ModelSettings? Settings = null)
{
    /// <summary>The settings, never null.</summary>
    public ModelSettings SettingsOrEmpty => Settings ?? ModelSettings.Empty;

    /// <summary>The options a pipeline's model section gives, for <paramref name="classCount"/> classes of <paramref name="input"/> images.</summary>
    public static ModelOptions From(ModelSpec model, int classCount, InputShape input) =>
        new(classCount, input, model.Activation, new ModelSettings(model.Settings));
}
