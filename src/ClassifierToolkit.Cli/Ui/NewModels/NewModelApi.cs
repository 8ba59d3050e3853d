using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ClassifierToolkit.Cli.Ui;

/// <summary>The new-model page: starts the <c>ctk new</c> workflow on a folder under the root in the background, with live progress; then the run
/// page and the generated projects (browse the code, download them as a zip).</summary>
internal static class NewModelApi
{
    public static void AddServices(IServiceCollection services)
    {
    }

    public static void Map(IEndpointRouteBuilder api)
    {
    }
}
