using ClassifierToolkit.Cli.Ui.Runs;
using ClassifierToolkit.Serving;
using ClassifierToolkit.Serving.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ClassifierToolkit.Cli.Ui;

/// <summary>A run's page: its metrics, curves, confusion matrix and the images behind each cell, top losses, model card, skipped files,
/// the model's download and "try it". Requests name the run by its folder relative to the root (<c>?run=</c>).</summary>
internal static class RunApi
{
    // What "try it" answers with when the request has no ?top=k, as ctk serve.
    private static readonly ImageClassifierEndpointOptions TryItOptions = new() { DefaultTop = 3 };

    public static void AddServices(IServiceCollection services)
    {
        services.AddSingleton<RunPredictions>();
        services.AddSingleton<RunImages>();
        services.AddSingleton(provider => new RunModels(new ImageClassifierPool(provider.GetService<ILogger<ImageClassifierPool>>())));
    }

    public static void Map(IEndpointRouteBuilder api)
    {
        var run = api.MapGroup("/run");
        run.MapGet("", (string? run, UiRoot root, RunModels models) => RunView.Of(root, RunFolder.Open(root, run), models));
        run.MapGet("/cell", (string? run, [FromQuery(Name = "true")] int? trueClass, int? predicted, UiRoot root, RunPredictions predictions) =>
        {
            var folder = RunFolder.Open(root, run);
            return predictions.Cell(folder, folder.RequireMetrics(), trueClass, predicted);
        });
        run.MapGet("/image", (string? run, int? row, UiRoot root, RunImages images) =>
            Results.File(images.Png(RunFolder.Open(root, run), row), "image/png"));
        run.MapGet("/model", (string? run, UiRoot root) =>
        {
            var folder = RunFolder.Open(root, run);
            var model = folder.ModelPath ?? throw UiRequestException.NotFound($"The run '{folder.Entry.Id}' has no model .zip to download (yet).");
            return Results.File(model, "application/zip", DownloadName(folder, model), File.GetLastWriteTimeUtc(model), enableRangeProcessing: true);
        });
        // Through ctk serve's own handler: the same upload reading, the same 400/413 problems for a bad or oversized image.
        run.MapPost("/predict", async (string? run, HttpRequest request, UiRoot root, RunModels models, CancellationToken cancellationToken) =>
        {
            var name = models.Serve(RunFolder.Open(root, run));
            return await new ImageClassifierHandlers(name, TryItOptions).PredictBatchAsync(request, models.Pool, cancellationToken);
        });
    }

    // "train-model.zip" for train/model.zip: several runs' model.zip files keep apart in a downloads folder.
    private static string DownloadName(RunFolder run, string model) =>
        run.Entry.Id.Length == 0 ? Path.GetFileName(model) : $"{run.Entry.Id.Replace('/', '-')}-{Path.GetFileName(model)}";
}
