namespace ClassifierToolkit.Torch.Training;

/// <summary>The optimizers a trainer can use.</summary>
public enum OptimizerKind
{
    /// <summary>Adam.</summary>
    Adam,
    /// <summary>Stochastic gradient descent, with optional momentum.</summary>
    Sgd,
}
