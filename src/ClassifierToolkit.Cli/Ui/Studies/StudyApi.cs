using ClassifierToolkit.Cli.Ui.Catalog;
using ClassifierToolkit.Cli.Ui.Studies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ClassifierToolkit.Cli.Ui;

/// <summary>A study's page, live while the search runs: leaderboard, best so far, parameters against the score, importance, trial states,
/// per-epoch curves, and stopping it. Requests name the store (<c>?store=</c>, an experiment.db relative to the root or <c>postgres</c>) and the study (<c>?study=</c>).</summary>
internal static class StudyApi
{
    public static void AddServices(IServiceCollection services)
    {
    }

    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/study", async (UiCatalog catalog, string? store, string? study, CancellationToken cancellationToken) =>
        {
            await using var opened = await StudyReader.OpenAsync(catalog, store, study, cancellationToken);
            return await opened.ViewAsync(cancellationToken);
        });
        api.MapGet("/study/events", async (HttpContext context, UiCatalog catalog, string? store, string? study) =>
        {
            await using var opened = await StudyReader.OpenAsync(catalog, store, study, context.RequestAborted);
            await StudyEvents.StreamAsync(context, opened);
        });
        api.MapPost("/study/stop", async (UiCatalog catalog, string? store, string? study, CancellationToken cancellationToken) =>
        {
            await using var opened = await StudyReader.OpenAsync(catalog, store, study, cancellationToken);
            await opened.StopAsync(cancellationToken);
            return await opened.ViewAsync(cancellationToken);
        });
    }
}
