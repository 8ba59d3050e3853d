using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ClassifierToolkit.Torch.Training;

/// <summary>Creates the optimizer named by <see cref="OptimizerKind"/>.</summary>
internal static class OptimizerFactory
{
    public static optim.Optimizer Create(OptimizerKind kind, IEnumerable<Parameter> parameters, double learningRate, double momentum) => kind switch
    {
        OptimizerKind.Sgd => optim.SGD(parameters, learningRate, momentum: momentum),
        _ => optim.Adam(parameters, learningRate),
    };
}
