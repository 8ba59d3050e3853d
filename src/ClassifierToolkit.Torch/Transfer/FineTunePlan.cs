using ClassifierToolkit.Pipelines;
using ClassifierToolkit.Torch.Models;
using ClassifierToolkit.Torch.Training;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ClassifierToolkit.Torch.Transfer;

/// <summary>
/// fastai-style fine-tuning of a pretrained model: for the first <see cref="TransferSpec.HeadEpochs"/> epochs only the head
/// trains, the backbone frozen and in evaluation mode; then the backbone's last <see cref="TransferSpec.UnfreezeStages"/>
/// stages (all by default) join at <see cref="TransferSpec.BackboneLearningRateFactor"/> × the learning rate. The backbone's
/// BatchNorm layers keep their pretrained statistics throughout (evaluation mode; their scale and shift still learn), so
/// small batches of a small data set cannot corrupt them. A stage is a top-level part of the model with parameters, in
/// order (a ResNet's stem layers, layer1 … layer4).
/// </summary>
internal sealed class FineTunePlan : ParameterPlan
{
    private readonly TransferSpec _transfer;
    private readonly IReadOnlyList<Parameter> _head;
    private readonly IReadOnlyList<Parameter> _backbone;

    /// <summary>A plan for <paramref name="model"/>; parameters outside the trained stages are frozen here, for good.</summary>
    public FineTunePlan(ImageClassifierModule model, TransferSpec transfer) : base(model)
    {
        _transfer = transfer;
        var stages = Stages(model);
        var trained = transfer.UnfreezeStages is { } count ? stages.TakeLast(count).ToList() : stages;
        _head = [.. model.named_parameters().Where(p => model.IsHeadTensor(p.name)).Select(p => p.parameter)];
        _backbone = [.. trained.SelectMany(stage => stage.parameters())];
        var trainedSet = _head.Concat(_backbone).ToHashSet(ReferenceEqualityComparer.Instance);
        foreach (var parameter in model.parameters())
            if (!trainedSet.Contains(parameter)) parameter.requires_grad = false;
    }

    /// <summary>The backbone's stages, in order: its top-level parts that hold parameters, without the head.</summary>
    public static IReadOnlyList<nn.Module> Stages(ImageClassifierModule model) =>
        [.. model.named_children().Where(c => c.name != model.HeadName && c.module.parameters().Any()).Select(c => c.module)];

    /// <inheritdoc />
    public override IReadOnlyList<ParameterGroup> Groups =>
        _backbone.Count == 0 ? [new ParameterGroup(_head, 1.0)] : [new ParameterGroup(_head, 1.0), new ParameterGroup(_backbone, _transfer.BackboneLearningRateFactor)];

    /// <summary>True when <paramref name="epoch"/> trains the head only.</summary>
    public bool HeadOnly(int epoch) => epoch <= _transfer.HeadEpochs;

    /// <inheritdoc />
    public override void StartEpoch(int epoch)
    {
        bool headOnly = HeadOnly(epoch);
        foreach (var parameter in _backbone) parameter.requires_grad = !headOnly;
        foreach (var (name, module) in Model.named_modules())
        {
            if (name.Length == 0 || Model.IsHeadTensor(name + ".weight")) continue;
            if (headOnly || module is BatchNorm2d) module.eval();
        }
    }
}
