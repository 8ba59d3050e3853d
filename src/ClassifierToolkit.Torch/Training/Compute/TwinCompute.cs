using ClassifierToolkit.Torch.Models;
using ClassifierToolkit.Torch.Models.Registry;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ClassifierToolkit.Torch.Training.Compute;

/// <summary>
/// The passes run in a twin of the model whose weights are copies in another number format or memory layout, so the
/// model itself stays fp32 and NCHW for the optimizer, validation, checkpoints and export.
/// <list type="bullet">
/// <item>bfloat16 without autocast (TorchSharp has none): normalization layers stay fp32 (their statistics need the
/// precision, and libtorch normalizes bfloat16 input with fp32 parameters); the logits are widened to fp32 so the loss is
/// computed in fp32.</item>
/// <item>Channels-last: the convolution weights and multi-channel inputs are laid out NHWC, which every later activation
/// follows; TorchSharp 0.107 has no <c>memory_format</c> argument, so the strides are made by hand.</item>
/// </list>
/// The model keeps the master weights and the optimizer its state: gradients are copied (widened) into the model before
/// every step, and the stepped weights copied (narrowed) into the twin after it.
/// </summary>
internal sealed class TwinCompute : TrainingCompute
{
    private readonly ScalarType _dtype;
    private readonly bool _channelsLast;
    private readonly ImageClassifierModule _twin;
    private readonly Parameter[] _modelParameters;
    private readonly Parameter[] _twinParameters;
    private readonly (nn.Module Model, nn.Module Twin)[] _modules;

    /// <summary>A twin of <paramref name="model"/> on <paramref name="device"/> computing in <paramref name="dtype"/>,
    /// channels-last if <paramref name="channelsLast"/>.</summary>
    /// <exception cref="NotSupportedException">The model was not built by the model registry, so no twin can be made.</exception>
    public TwinCompute(ImageClassifierModule model, Device device, ScalarType dtype, bool channelsLast) : base(model)
    {
        var factory = model.TwinFactory ?? throw new NotSupportedException(
            $"training.precision bf16 and training.memoryFormat channels-last compute in a twin of the model, which only models built by the " +
            $"model registry have; {model.GetName()} was not. Train it with training.precision fp32 and training.memoryFormat nchw.");
        _dtype = dtype;
        _channelsLast = channelsLast;
        _twin = SeededModelFactory.CreateLeavingGeneratorAlone(factory);
        _twin.to(device).to(dtype);
        foreach (var module in _twin.modules().Where(IsNormalization)) module.to(float32);
        if (channelsLast)
            foreach (var conv in _twin.modules().OfType<Conv2d>())
            {
                using var nchw = conv.weight!;
                conv.weight = new Parameter(ChannelsLastCopy(nchw));
            }
        _modelParameters = [.. model.parameters()];
        _twinParameters = [.. _twin.parameters()];
        _modules = [.. model.modules().Zip(_twin.modules())];
        if (_modelParameters.Length != _twinParameters.Length || _modules.Length != model.modules().Count() || _modules.Length != _twin.modules().Count()
            || _modelParameters.Zip(_twinParameters).Any(pair => !pair.First.shape.SequenceEqual(pair.Second.shape)))
            throw new InvalidOperationException($"The twin of {model.GetName()} is not built like it (were settings changed after it was created?).");
    }

    /// <inheritdoc />
    public override void StartEpoch()
    {
        foreach (var (model, twin) in _modules) twin.train(model.training);
        using var noGrad = no_grad();
        foreach (var (model, twin) in _modelParameters.Zip(_twinParameters))
        {
            twin.copy_(model);
            twin.requires_grad = model.requires_grad;
        }
        foreach (var (model, twin) in Model.buffers().Zip(_twin.buffers())) twin.copy_(model);
    }

    /// <inheritdoc />
    public override Tensor Logits(Tensor inputs)
    {
        _twin.zero_grad();
        // One channel is laid out alike either way; more are converted and cast in one copy.
        var x = _channelsLast && inputs.shape[1] > 1 ? inputs.permute(0, 2, 3, 1).to(_dtype).contiguous().permute(0, 3, 1, 2) : inputs.to(_dtype);
        return _twin.forward(x).to(float32);
    }

    /// <inheritdoc />
    public override void GradientsToModel()
    {
        using var scope = NewDisposeScope();
        foreach (var (model, twin) in _modelParameters.Zip(_twinParameters))
        {
            if (twin.grad is not { } gradient) continue;
            if (model.grad is { } existing) existing.copy_(gradient);
            // A new buffer shaped like the model's weight: never the twin's own gradient (same dtype) nor its layout.
            else model.grad = empty_like(model).copy_(gradient);
        }
    }

    /// <inheritdoc />
    public override void WeightsFromModel()
    {
        using var noGrad = no_grad();
        foreach (var (model, twin) in _modelParameters.Zip(_twinParameters))
            if (model.requires_grad) twin.copy_(model);
    }

    /// <inheritdoc />
    public override void EndEpoch()
    {
        using var noGrad = no_grad();
        foreach (var (model, twin) in Model.buffers().Zip(_twin.buffers())) model.copy_(twin);
    }

    /// <inheritdoc />
    public override void Dispose() => _twin.Dispose();

    private static bool IsNormalization(nn.Module module) => module is BatchNorm2d or BatchNorm1d or LayerNorm or GroupNorm;

    /// <summary>A copy of a 4-d weight <c>[O, I, kH, kW]</c> with NHWC strides (not a view: a parameter must own its storage).</summary>
    private static Tensor ChannelsLastCopy(Tensor weight)
    {
        using var noGrad = no_grad();
        var (o, i, h, w) = (weight.shape[0], weight.shape[1], weight.shape[2], weight.shape[3]);
        return empty_strided([o, i, h, w], [i * h * w, 1, w * i, i], weight.dtype, weight.device).copy_(weight);
    }
}
