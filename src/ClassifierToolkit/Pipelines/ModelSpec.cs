namespace ClassifierToolkit.Pipelines;

/// <summary>Which registered model, with which options.</summary>
public sealed record ModelSpec
{
    /// <summary>The defaults the pipeline file and the C# overloads share.</summary>
    public static class Defaults
    {
        /// <summary>The seed study's CNN.</summary>
        public const string Name = "cnn";
    }

    /// <summary>Registered model name (<c>ctk models</c> lists them).</summary>
    public string Name { get; init; } = Defaults.Name;
    /// <summary>The non-linearity between layers.</summary>
    public Activation Activation { get; init; } = Activation.Relu;
    /// <summary>Family-specific numeric settings, e.g. <c>{ "width": 2 }</c> or <c>{ "patchSize": 4, "depth": 6 }</c>; each family checks its own.</summary>
    public IReadOnlyDictionary<string, double> Settings { get; init; } = new Dictionary<string, double>();

    /// <summary>Checks what the core knows (the name and settings are checked against the model registry by the trainer).</summary>
    /// <exception cref="PipelineSpecException">A value is not allowed; names its path.</exception>
    public void Validate(SpecCheck? check = null)
    {
        check ??= new SpecCheck(SpecCheck.CodeSource, "$.model");
        if (string.IsNullOrWhiteSpace(Name)) throw check.Error("name", "must name a registered model; run 'ctk models' to list them.");
        check.Defined("activation", Activation);
    }
}
