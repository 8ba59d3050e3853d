using ClassifierToolkit.Torch.Models;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ClassifierToolkit.Torch.Training.Compute;

/// <summary>
/// The passes run in a twin of the model whose weights are copies in another number format: bfloat16 training without
/// autocast (TorchSharp has none). Normalization layers stay fp32 (their statistics need the precision, and libtorch
/// normalizes bfloat16 input with fp32 parameters); the logits are widened to fp32 so the loss is computed in fp32. The
/// model keeps the fp32 master weights and the optimizer its fp32 state: gradients are widened into the model before
/// every step, and the stepped weights narrowed into the twin after it.
/// </summary>
internal sealed class TwinCompute : TrainingCompute
{
    private readonly ScalarType _dtype;
    private readonly ImageClassifierModule _twin;
    private readonly Parameter[] _modelParameters;
    private readonly Parameter[] _twinParameters;
    private readonly (nn.Module Model, nn.Module Twin)[] _modules;

    /// <summary>A twin of <paramref name="model"/> on <paramref name="device"/> computing in <paramref name="dtype"/>.</summary>
    public TwinCompute(ImageClassifierModule model, Device device, ScalarType dtype) : base(model)
    {
        var factory = model.TwinFactory
            ?? throw new NotSupportedException($"training.precision bf16 needs a model built by the model registry; {model.GetName()} was not.");
        _dtype = dtype;
        _twin = factory();
        _twin.to(device).to(dtype);
        foreach (var module in _twin.modules().Where(IsNormalization)) module.to(float32);
        _modelParameters = [.. model.parameters()];
        _twinParameters = [.. _twin.parameters()];
        _modules = [.. model.modules().Zip(_twin.modules())];
        if (_modelParameters.Length != _twinParameters.Length || _modules.Length != model.modules().Count() || _modules.Length != _twin.modules().Count())
            throw new InvalidOperationException($"The bf16 twin of {model.GetName()} is not built like it (were settings changed after it was created?).");
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
        return _twin.forward(inputs.to(_dtype)).to(float32);
    }

    /// <inheritdoc />
    public override void GradientsToModel()
    {
        using var scope = NewDisposeScope();
        foreach (var (model, twin) in _modelParameters.Zip(_twinParameters))
        {
            if (twin.grad is not { } gradient) continue;
            if (model.grad is { } existing) existing.copy_(gradient);
            else model.grad = gradient.to(float32);
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
