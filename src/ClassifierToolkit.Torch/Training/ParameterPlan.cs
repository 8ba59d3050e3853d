using ClassifierToolkit.Torch.Models;

namespace ClassifierToolkit.Torch.Training;

/// <summary>
/// Which of a model's parameters train, at which learning rate, and in which mode its layers run each epoch. The default
/// trains everything at the recipe's rate; transfer learning freezes and unfreezes parts of a pretrained backbone.
/// The training loop asks; it stays the only place that switches train/eval modes.
/// </summary>
internal class ParameterPlan
{
    /// <summary>A plan for <paramref name="model"/>.</summary>
    public ParameterPlan(ImageClassifierModule model) => Model = model;

    /// <summary>The model planned for.</summary>
    protected ImageClassifierModule Model { get; }

    /// <summary>The optimizer's groups; parameters in none of them never change.</summary>
    public virtual IReadOnlyList<ParameterGroup> Groups => [new ParameterGroup([.. Model.parameters()], 1.0)];

    /// <summary>Called by the loop right after it put the model in training mode for <paramref name="epoch"/>: a plan may
    /// switch parameters on or off, or put layers back in evaluation mode.</summary>
    public virtual void StartEpoch(int epoch) { }
}
