namespace Scoring;

/// <summary>One measurement of a toolkit path against ML.NET on the same model and inputs; lower is better for both figures.</summary>
/// <param name="Key">The measurement's name in its <c>RESULT</c> line, e.g. <c>model_only</c>.</param>
/// <param name="Title">Its name in the table.</param>
/// <param name="Unit">The figures' unit, e.g. <c>ms/image</c>.</param>
/// <param name="Count">How many images or predictions each timed run covered.</param>
/// <param name="ToolkitPath">Which toolkit path was measured: <c>batched</c> or <c>pool</c>.</param>
/// <param name="Toolkit">The toolkit path's median figure.</param>
/// <param name="MlNet">ML.NET's median figure.</param>
/// <param name="Agreement">How far the two paths' predictions agree.</param>
internal sealed record Comparison(string Key, string Title, string Unit, int Count, string ToolkitPath, double Toolkit, double MlNet, Agreement Agreement)
{
    public double Speedup => MlNet / Toolkit;

    /// <summary>The unit as a <c>RESULT</c> key suffix: <c>ms/image</c> becomes <c>ms_per_image</c>.</summary>
    public string UnitKey => Unit.Replace("/", "_per_", StringComparison.Ordinal);
}
