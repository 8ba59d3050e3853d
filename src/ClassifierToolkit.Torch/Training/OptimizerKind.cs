namespace ClassifierToolkit.Torch.Training;

/// <summary>The optimizers a trainer can use.</summary>
public enum OptimizerKind
{
    /// <summary>Adam (weight decay as L2 in the gradient).</summary>
    Adam,
    /// <summary>AdamW (decoupled weight decay).</summary>
    AdamW,
    /// <summary>Stochastic gradient descent, with optional (Nesterov) momentum.</summary>
    Sgd,
    /// <summary>RMSprop.</summary>
    RmsProp,
}
