using ClassifierToolkit.Cli.Ui.Catalog;
using ClassifierToolkit.Evaluation;

namespace ClassifierToolkit.Cli.Ui.Runs;

/// <summary>Everything the run page shows, in one answer to <c>GET /api/run</c>: the run, its metrics (curves, matrix, top losses,
/// skipped and reduced files come with them), per-class results, whether the matrix's cells can open their images, and the model card.</summary>
/// <param name="Metrics">Null while the run has none (still training, or stopped).</param>
/// <param name="CellsProblem">Why the matrix's cells cannot open their images, or null when they can.</param>
/// <param name="Model">Null when the run has no model or it cannot be loaded (<paramref name="ModelProblem"/> says which).</param>
internal sealed record RunView(RunEntry Run, ClassifierMetrics? Metrics, IReadOnlyList<ClassResult> PerClass, long Misclassified, string? CellsProblem,
    ModelCard? Model, string? ModelProblem)
{
    public static RunView Of(UiRoot root, RunFolder run, RunModels models)
    {
        var metrics = run.ReadMetrics();
        ModelCard? card = null;
        string? modelProblem = null;
        try
        {
            card = ModelCard.From(root, models.Pool.Describe(models.Serve(run)), run.ReadPipeline());
        }
        catch (UiRequestException e)
        {
            modelProblem = e.Message;
        }
        var perClass = metrics is null ? [] : ClassResult.Of(metrics);
        return new RunView(run.Entry, metrics, perClass, perClass.Sum(c => c.Images - c.Correct),
            metrics is null ? "The run has no test results yet." : RunPredictions.Missing(run), card, modelProblem);
    }
}
