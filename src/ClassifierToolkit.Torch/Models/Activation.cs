namespace ClassifierToolkit.Torch.Models;

/// <summary>The non-linearity a model uses between layers.</summary>
public enum Activation
{
    /// <summary>max(0, x).</summary>
    Relu,
    /// <summary>x for x &gt; 0, else 0.01·x.</summary>
    LeakyRelu,
}
