namespace ClassifierToolkit.Pipelines;

/// <summary>Which registered model, with which options.</summary>
public sealed record ModelSpec
{
    /// <summary>Allowed values of <see cref="Activation"/>.</summary>
    public static IReadOnlyList<string> Activations { get; } = ["relu", "leaky_relu"];

    /// <summary>Registered model name (<c>ctk models</c> lists them).</summary>
    public string Name { get; init; } = "cnn";
    /// <summary><c>relu</c> or <c>leaky_relu</c>.</summary>
    public string Activation { get; init; } = "relu";
    /// <summary>Family-specific numeric settings, e.g. <c>{ "width": 2 }</c> or <c>{ "patchSize": 4, "depth": 6 }</c>.</summary>
    public IReadOnlyDictionary<string, double> Settings { get; init; } = new Dictionary<string, double>();
}
