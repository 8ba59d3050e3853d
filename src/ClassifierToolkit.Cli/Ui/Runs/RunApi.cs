using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ClassifierToolkit.Cli.Ui;

/// <summary>A run's page: its metrics, curves, confusion matrix and the images behind each cell, top losses, model card, skipped files,
/// the model's download and "try it". Requests name the run by its folder relative to the root (<c>?run=</c>).</summary>
internal static class RunApi
{
    public static void AddServices(IServiceCollection services)
    {
    }

    public static void Map(IEndpointRouteBuilder api)
    {
    }
}
