using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace ClassifierToolkit.Cli.Ui.Studies;

/// <summary>
/// <c>GET /api/study/events</c>: server-sent events carrying the study's <see cref="StudyView"/>, first at once, then whenever it
/// changes (a trial starts or ends, an epoch is reported, a stop is asked for), checked every <see cref="CheckInterval"/>; a comment
/// keeps quiet connections open through proxies. Ends when the client leaves.
/// </summary>
internal static class StudyEvents
{
    public static readonly TimeSpan CheckInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);

    public static async Task StreamAsync(HttpContext context, StudyReader reader)
    {
        var cancellationToken = context.RequestAborted;
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        context.Response.Headers["X-Accel-Buffering"] = "no";
        string? sent = null;
        var lastWrite = DateTime.UtcNow;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var (study, trials) = await reader.ReadAsync(cancellationToken);
                var signature = StudyView.Signature(study, trials);
                if (signature != sent)
                {
                    var json = JsonSerializer.Serialize(StudyView.Build(reader.StoreId, study, trials), JsonSerializerOptions.Web);
                    await context.Response.WriteAsync($"data: {json}\n\n", cancellationToken);
                    (sent, lastWrite) = (signature, DateTime.UtcNow);
                }
                else if (DateTime.UtcNow - lastWrite >= KeepAlive)
                {
                    await context.Response.WriteAsync(": keep-alive\n\n", cancellationToken);
                    lastWrite = DateTime.UtcNow;
                }
                await context.Response.Body.FlushAsync(cancellationToken);
                await Task.Delay(CheckInterval, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The page was left.
        }
    }
}
