using System.Text.Json.Serialization;

namespace ClassifierToolkit.Pipelines;

/// <summary>The optimizers a trainer can use; the JSON names are the pipeline file's values.</summary>
public enum OptimizerKind
{
    /// <summary>Adam (weight decay as L2 in the gradient).</summary>
    [JsonStringEnumMemberName("adam")] Adam,
    /// <summary>AdamW (decoupled weight decay).</summary>
    [JsonStringEnumMemberName("adamw")] AdamW,
    /// <summary>Stochastic gradient descent, with optional (Nesterov) momentum.</summary>
    [JsonStringEnumMemberName("sgd")] Sgd,
    /// <summary>RMSprop.</summary>
    [JsonStringEnumMemberName("rmsprop")] RmsProp,
}
