using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ClassifierToolkit.Cli.Serve;

/// <summary>The page of <c>ctk serve</c> at <c>/</c>: choose or drop images, see each with its top classes (no CDN, no network).
/// It calls the API that <c>MapImageClassifier</c> maps at the root.</summary>
internal static class ServePage
{
    private static readonly Lazy<string> Html = new(() =>
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("ctk-serve-index.html")!;
        return new StreamReader(stream).ReadToEnd();
    });

    public static IEndpointConventionBuilder Map(IEndpointRouteBuilder app) => app.MapGet("/", () => Results.Content(Html.Value, "text/html; charset=utf-8"));
}
