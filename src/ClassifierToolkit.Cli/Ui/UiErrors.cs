using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ClassifierToolkit.Cli.Ui;

/// <summary>Every refusal as a problem body (RFC 9457) with a detail that says what to fix: a malformed request is a 4xx, never a 500.</summary>
internal static class UiErrors
{
    public static void Use(WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            try
            {
                await next(context);
            }
            catch (Exception e) when (!context.Response.HasStarted && Refusal(e) is { } refusal)
            {
                context.Response.Clear();
                await Results.Problem(statusCode: refusal.Status, title: refusal.Title, detail: refusal.Detail).ExecuteAsync(context);
            }
            catch (Exception e) when (!context.Response.HasStarted && e is not OperationCanceledException)
            {
                app.Logger.LogError(e, "{Method} {Path} failed", context.Request.Method, context.Request.Path);
                context.Response.Clear();
                await Results.Problem(statusCode: StatusCodes.Status500InternalServerError, title: "ctk ui failed",
                    detail: $"{context.Request.Method} {context.Request.Path} failed: {e.Message}").ExecuteAsync(context);
            }
        });
        app.UseStatusCodePages(context => Results.Problem(statusCode: context.HttpContext.Response.StatusCode,
            detail: $"{context.HttpContext.Request.Method} {context.HttpContext.Request.Path} is not part of ctk ui: open / for the page; its API is under /api/.")
            .ExecuteAsync(context.HttpContext));
    }

    private static (int Status, string Title, string Detail)? Refusal(Exception e) => e switch
    {
        UiRequestException r => (r.Status, r.Title, r.Message),
        BadHttpRequestException b => (b.StatusCode, b.StatusCode == StatusCodes.Status413PayloadTooLarge ? "Request too large" : "Bad request",
            b.StatusCode == StatusCodes.Status413PayloadTooLarge ? "The request is larger than this ctk ui accepts (--max-request-mb)." : b.Message),
        JsonException j => (StatusCodes.Status400BadRequest, "Bad JSON", $"The request body is not the JSON expected: {j.Message}"),
        _ => null,
    };
}
