using ClassifierToolkit.Pipelines;
using ClassifierToolkit.Torch.Models;
using static TorchSharp.torch;

namespace ClassifierToolkit.Torch.Training.Compute;

/// <summary>
/// Where the training loop's forward and backward passes run, and how their gradients reach the weights the optimizer
/// steps. This base computes in the model itself, in NCHW or channels-last (<see cref="ChannelsLastInput"/>);
/// <see cref="TwinCompute"/> computes in a twin of another number format.
/// The loop calls, per epoch: <see cref="StartEpoch"/>, then per batch <see cref="Logits"/>, backward,
/// <see cref="GradientsToModel"/>, the optimizer step, <see cref="WeightsFromModel"/>; then <see cref="EndEpoch"/>.
/// </summary>
internal class TrainingCompute : IDisposable
{
    /// <summary>Computes in <paramref name="model"/> itself, with each batch laid out channels-last if <paramref name="channelsLast"/>.</summary>
    protected TrainingCompute(ImageClassifierModule model, bool channelsLast)
    {
        Model = model;
        ChannelsLast = channelsLast;
    }

    /// <summary>The model the optimizer steps (fp32): what is validated, checkpointed and exported.</summary>
    protected ImageClassifierModule Model { get; }

    /// <summary>Whether each batch, and so every activation after the first convolution, is laid out NHWC.</summary>
    public bool ChannelsLast { get; }

    /// <summary>Where <paramref name="recipe"/> has <paramref name="model"/> computed on <paramref name="device"/>, as
    /// <see cref="ComputePlan"/> decides: in a bf16 twin for bf16, else in the model; channels-last or NCHW.</summary>
    public static TrainingCompute For(TrainingSpec recipe, ImageClassifierModule model, Device device)
    {
        var plan = ComputePlan.For(recipe, model, device);
        return plan.Precision == PrecisionKind.Bf16 ? new TwinCompute(model, device, plan.ChannelsLast) : new TrainingCompute(model, plan.ChannelsLast);
    }

    /// <summary>After the loop set the model's modes and trainable parameters for the epoch.</summary>
    public virtual void StartEpoch() { }

    /// <summary>The fp32 logits of a normalized batch, with gradients flowing to wherever the passes run.</summary>
    public virtual Tensor Logits(Tensor inputs) => Model.forward(LaidOut(inputs));

    /// <summary>After backward: the gradients, as the model's parameters' <c>grad</c>.</summary>
    public virtual void GradientsToModel() { }

    /// <summary>After the optimizer step: the new weights, to wherever the passes run.</summary>
    public virtual void WeightsFromModel() { }

    /// <summary>Before validation: statistics the passes gathered (BatchNorm's running mean and variance), into the model.</summary>
    public virtual void EndEpoch() { }

    /// <inheritdoc />
    public virtual void Dispose() { }

    /// <summary>A batch in the layout the passes run in.</summary>
    protected Tensor LaidOut(Tensor inputs) => ChannelsLast ? ChannelsLastInput.Of(inputs) : inputs;
}
