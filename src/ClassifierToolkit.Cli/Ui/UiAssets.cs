using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ClassifierToolkit.Cli.Ui;

/// <summary>The page's files (HTML, scripts, styles), embedded in ctk: nothing comes from a CDN or the network.</summary>
internal static class UiAssets
{
    private const string Prefix = "ctk-ui/";

    private static readonly Lazy<Dictionary<string, byte[]>> Files = new(() =>
    {
        var assembly = Assembly.GetExecutingAssembly();
        return assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)).ToDictionary(
            n => n[Prefix.Length..],
            n =>
            {
                using var stream = assembly.GetManifestResourceStream(n)!;
                using var copy = new MemoryStream();
                stream.CopyTo(copy);
                return copy.ToArray();
            });
    });

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/", () => Results.Bytes(Files.Value["index.html"], "text/html; charset=utf-8"));
        app.MapGet("/assets/{name}", (string name) => Files.Value.TryGetValue(name, out var content)
            ? Results.Bytes(content, ContentType(name))
            : throw UiRequestException.NotFound($"/assets/{name} is not one of this page's files."));
    }

    private static string ContentType(string name) => Path.GetExtension(name) switch
    {
        ".js" => "text/javascript; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".svg" => "image/svg+xml",
        ".png" => "image/png",
        _ => "application/octet-stream",
    };
}
