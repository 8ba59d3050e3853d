using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace ClassifierToolkit.Cli;

/// <summary>What ctk's web apps (<c>ctk serve</c>, <c>ctk ui</c>) share: a slim host on one address with one-line console logs, run until Ctrl+C.</summary>
internal static class LocalWebApp
{
    /// <summary>A slim ASP.NET Core builder listening on <paramref name="host"/>:<paramref name="port"/> (an IPv6 host in brackets), logging
    /// warnings, and the toolkit's own information, one line each.</summary>
    public static WebApplicationBuilder CreateBuilder(string host, int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders().AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning)
            .AddFilter("ClassifierToolkit", LogLevel.Information);
        builder.WebHost.UseUrls($"http://{(host.Contains(':') ? $"[{host}]" : host)}:{port}");
        return builder;
    }

    /// <summary>Starts <paramref name="app"/>, lets <paramref name="announce"/> say where it listens, serves until
    /// <paramref name="cancellationToken"/> is cancelled (Ctrl+C), then stops it gracefully.</summary>
    public static async Task ServeAsync(WebApplication app, Action announce, CancellationToken cancellationToken)
    {
        await app.StartAsync(cancellationToken);
        announce();
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C: the normal way to stop.
        }
        await app.StopAsync(CancellationToken.None);
    }
}
