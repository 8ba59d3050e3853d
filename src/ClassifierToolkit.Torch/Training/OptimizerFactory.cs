using ClassifierToolkit.Pipelines;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ClassifierToolkit.Torch.Training;

/// <summary>Creates the optimizer the options name, one parameter group per <see cref="ParameterGroup"/> (in that order).</summary>
internal static class OptimizerFactory
{
    // PyTorch's defaults, which the single-group constructors use too.
    private const double Beta1 = 0.9, Beta2 = 0.999, AdamEpsilon = 1e-8, RmsEpsilon = 1e-8, RmsAlpha = 0.99;

    public static optim.Optimizer Create(TrainingSpec options, IReadOnlyList<ParameterGroup> groups)
    {
        double lr = options.LearningRate, wd = options.WeightDecay;
        return options.Optimizer switch
        {
            OptimizerKind.Sgd => optim.SGD(groups.Select(g => new SGD.ParamGroup(g.Parameters, lr * g.LearningRateFactor, options.Momentum, 0, wd, options.Nesterov, false)), lr),
            OptimizerKind.AdamW => optim.AdamW(groups.Select(g => new AdamW.ParamGroup(g.Parameters, lr * g.LearningRateFactor, Beta1, Beta2, AdamEpsilon, wd, false, false)), lr),
            OptimizerKind.RmsProp => optim.RMSProp(groups.Select(g => new RMSProp.ParamGroup(g.Parameters, lr * g.LearningRateFactor, RmsEpsilon, RmsAlpha, wd, options.Momentum, false)), lr),
            _ => optim.Adam(groups.Select(g => new Adam.ParamGroup(g.Parameters, lr * g.LearningRateFactor, Beta1, Beta2, AdamEpsilon, wd, false, false)), lr),
        };
    }
}
