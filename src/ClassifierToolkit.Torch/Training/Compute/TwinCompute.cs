using ClassifierToolkit.Torch.Models;
using ClassifierToolkit.Torch.Models.Registry;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ClassifierToolkit.Torch.Training.Compute;

/// <summary>
/// The passes run in a twin of the model whose weights are copies in another number format, bfloat16: TorchSharp has no
/// autocast, so the model itself stays fp32 for the optimizer, validation, checkpoints and export. Normalization layers
/// stay fp32 (their statistics need the precision, and libtorch normalizes bfloat16 input with fp32 parameters); the
/// logits are widened to fp32 so the loss is computed in fp32.
/// The model keeps the master weights and the optimizer its state: gradients are copied (widened) into the model before
/// every step, and the stepped weights copied (narrowed) into the twin after it.
/// </summary>
internal sealed class TwinCompute : TrainingCompute
{
    private readonly ImageClassifierModule _twin;
    private readonly Parameter[] _modelParameters;
    private readonly Parameter[] _twinParameters;
    private readonly (nn.Module Model, nn.Module Twin)[] _modules;

    /// <summary>A bfloat16 twin of <paramref name="model"/> on <paramref name="device"/>, with each batch laid out channels-last if
    /// <paramref name="channelsLast"/>.</summary>
    /// <exception cref="NotSupportedException">The model was not built by the model registry, so no twin can be made.</exception>
    public TwinCompute(ImageClassifierModule model, Device device, bool channelsLast) : base(model, channelsLast)
    {
        var factory = model.TwinFactory ?? throw new NotSupportedException(
            $"training.precision bf16 computes in a twin of the model, which only models built by the model registry have; " +
            $"{model.GetName()} was not. Train it with training.precision fp32.");
        _twin = SeededModelFactory.CreateLeavingGeneratorAlone(factory);
        _twin.to(device).to(bfloat16);
        foreach (var module in _twin.modules().Where(IsNormalization)) module.to(float32);
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
        return _twin.forward(LaidOut(inputs.to(bfloat16))).to(float32);
    }

    /// <inheritdoc />
    public override void GradientsToModel()
    {
        using var scope = NewDisposeScope();
        foreach (var (model, twin) in _modelParameters.Zip(_twinParameters))
        {
            if (twin.grad is not { } gradient) continue;
            if (model.grad is { } existing) existing.copy_(gradient);
            // A new fp32 buffer shaped like the weight: the twin's own gradient is bfloat16.
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
}
