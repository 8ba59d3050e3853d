using ClassifierToolkit.Pipelines;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ClassifierToolkit.Torch.Training;

/// <summary>Creates the optimizer the options name.</summary>
internal static class OptimizerFactory
{
    public static optim.Optimizer Create(TrainingSpec options, IEnumerable<Parameter> parameters) => options.Optimizer switch
    {
        OptimizerKind.Sgd => optim.SGD(parameters, options.LearningRate, momentum: options.Momentum, weight_decay: options.WeightDecay, nesterov: options.Nesterov),
        OptimizerKind.AdamW => optim.AdamW(parameters, options.LearningRate, weight_decay: options.WeightDecay),
        OptimizerKind.RmsProp => optim.RMSProp(parameters, options.LearningRate, weight_decay: options.WeightDecay, momentum: options.Momentum),
        _ => optim.Adam(parameters, options.LearningRate, weight_decay: options.WeightDecay),
    };
}
