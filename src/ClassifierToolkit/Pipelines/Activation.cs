using System.Text.Json.Serialization;

namespace ClassifierToolkit.Pipelines;

/// <summary>The non-linearity a model uses between layers; the JSON names are the pipeline file's values.</summary>
public enum Activation
{
    /// <summary>max(0, x).</summary>
    [JsonStringEnumMemberName("relu")] Relu,
    /// <summary>x for x &gt; 0, else 0.01·x.</summary>
    [JsonStringEnumMemberName("leaky_relu")] LeakyRelu,
}
