using ClassifierToolkit.Pipelines;
using ClassifierToolkit.Serving;

namespace ClassifierToolkit.Cli.Ui.Runs;

/// <summary>What the run page says about a run's model: from the model itself as the pool serves it (what <c>ctk serve</c>'s
/// GET /model says: file, SHA-256, classes, input size) and, where the run has one, its pipeline (normalization, network).</summary>
internal sealed record ModelCard(string File, long SizeBytes, string Sha256, IReadOnlyList<string> Classes, int Channels, int Height, int Width,
    string? Network, IReadOnlyList<float>? Mean, IReadOnlyList<float>? Std, string? Resize)
{
    public static ModelCard From(UiRoot root, ServedModelInfo served, PipelineSpec? pipeline) => new(root.Relative(served.Identity.Path), served.Identity.SizeBytes,
        served.Identity.Sha256, served.ClassNames, served.Channels, served.Height, served.Width,
        pipeline?.Model.Name, pipeline?.Input.Mean, pipeline?.Input.Std, pipeline?.Input.Resize.ToString().ToLowerInvariant());
}
