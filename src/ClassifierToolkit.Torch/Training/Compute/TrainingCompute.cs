using ClassifierToolkit.Pipelines;
using ClassifierToolkit.Torch.Models;
using static TorchSharp.torch;

namespace ClassifierToolkit.Torch.Training.Compute;

/// <summary>
/// Where the training loop's forward and backward passes run, and how their gradients reach the weights the optimizer
/// steps. This base computes in the model itself; <see cref="TwinCompute"/> computes in a twin of another number format
/// or memory layout.
/// The loop calls, per epoch: <see cref="StartEpoch"/>, then per batch <see cref="Logits"/>, backward,
/// <see cref="GradientsToModel"/>, the optimizer step, <see cref="WeightsFromModel"/>; then <see cref="EndEpoch"/>.
/// </summary>
internal class TrainingCompute : IDisposable
{
    protected TrainingCompute(ImageClassifierModule model) => Model = model;

    /// <summary>The model the optimizer steps (fp32): what is validated, checkpointed and exported.</summary>
    protected ImageClassifierModule Model { get; }

    /// <summary>Where <paramref name="recipe"/> has <paramref name="model"/> computed on <paramref name="device"/>: in a twin
    /// for bf16 or channels-last (<c>auto</c> picks channels-last for models that train faster in it and can have a twin),
    /// else in the model.</summary>
    public static TrainingCompute For(TrainingSpec recipe, ImageClassifierModule model, Device device)
    {
        bool channelsLast = recipe.MemoryFormat switch
        {
            MemoryFormatKind.ChannelsLast => true,
            MemoryFormatKind.Nchw => false,
            _ => model.TrainsFasterChannelsLast && model.TwinFactory is not null,
        };
        bool bf16 = recipe.Precision == PrecisionKind.Bf16;
        return bf16 || channelsLast ? new TwinCompute(model, device, bf16 ? bfloat16 : float32, channelsLast) : new TrainingCompute(model);
    }

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
