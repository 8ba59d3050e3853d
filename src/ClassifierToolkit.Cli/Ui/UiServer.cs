using ClassifierToolkit.Cli.Ui.Catalog;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ClassifierToolkit.Cli.Ui;

/// <summary>
/// <c>ctk ui</c>'s web app: the page (<see cref="UiAssets"/>) and its JSON API under <c>/api</c>: the list of runs and studies
/// (<see cref="UiCatalog"/>), a run (<see cref="RunApi"/>), a study (<see cref="StudyApi"/>) and new models (<see cref="NewModelApi"/>).
/// Every request passes <see cref="UiAccess"/>; every path it names goes through <see cref="UiRoot"/>.
/// </summary>
internal static class UiServer
{
    public static WebApplication Build(UiSettings settings)
    {
        var builder = LocalWebApp.CreateBuilder(settings.Host, settings.Port);
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = settings.MaxRequestBytes);
        // A query value of the wrong type throws, so UiErrors answers it with a message instead of a bare 400.
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton(settings.Root);
        builder.Services.AddSingleton(new UiCatalog(settings.Root, settings.Storage));
        RunApi.AddServices(builder.Services);
        StudyApi.AddServices(builder.Services);
        NewModelApi.AddServices(builder.Services);
        var app = builder.Build();

        var access = UiAccess.For(settings.Host, settings.Token);
        UiErrors.Use(app);
        app.Use(access.CheckAsync);
        app.MapGet("/health", () => Results.Text("ok"));
        UiAssets.Map(app);
        var api = app.MapGroup("/api");
        api.MapGet("/items", async (UiCatalog catalog, CancellationToken cancellationToken) => new
        {
            root = settings.Root.FullPath,
            storage = settings.Storage is not null,
            runs = await catalog.RunsAsync(cancellationToken),
            studies = await catalog.StudiesAsync(cancellationToken),
        });
        RunApi.Map(api);
        StudyApi.Map(api);
        NewModelApi.Map(api);
        return app;
    }
}
