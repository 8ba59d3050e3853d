using ClassifierToolkit.Pipelines;
using ClassifierToolkit.Torch.Models;
using static TorchSharp.torch;

namespace ClassifierToolkit.Torch.Training.Compute;

/// <summary>
/// Where the training loop's forward and backward passes run, and how their gradients reach the weights the optimizer
/// steps. This base computes in the model itself; <see cref="TwinCompute"/> computes in a twin of another number format.
/// The loop calls, per epoch: <see cref="StartEpoch"/>, then per batch <see cref="Logits"/>, backward,
/// <see cref="GradientsToModel"/>, the optimizer step, <see cref="WeightsFromModel"/>; then <see cref="EndEpoch"/>.
/// </summary>
internal class TrainingCompute : IDisposable
{
    protected TrainingCompute(ImageClassifierModule model) => Model = model;

    /// <summary>The model the optimizer steps (fp32): what is validated, checkpointed and exported.</summary>
    protected ImageClassifierModule Model { get; }

    /// <summary>Where <paramref name="recipe"/> has <paramref name="model"/> computed on <paramref name="device"/>.</summary>
    public static TrainingCompute For(TrainingSpec recipe, ImageClassifierModule model, Device device) =>
        recipe.Precision == PrecisionKind.Bf16 ? new TwinCompute(model, device, bfloat16) : new TrainingCompute(model);

    /// <summary>After the loop set the model's modes and trainable parameters for the epoch.</summary>
    public virtual void StartEpoch() { }

    /// <summary>The fp32 logits of a normalized batch, with gradients flowing to wherever the passes run.</summary>
    public virtual Tensor Logits(Tensor inputs) => Model.forward(inputs);

    /// <summary>After backward: the gradients, as the model's parameters' <c>grad</c>.</summary>
    public virtual void GradientsToModel() { }

    /// <summary>After the optimizer step: the new weights, to wherever the passes run.</summary>
    public virtual void WeightsFromModel() { }

    /// <summary>Before validation: statistics the passes gathered (BatchNorm's running mean and variance), into the model.</summary>
    public virtual void EndEpoch() { }

    /// <inheritdoc />
    public virtual void Dispose() { }
}
