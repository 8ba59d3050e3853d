using System.CommandLine;
using ClassifierToolkit.Cli.Serve;
using ClassifierToolkit.Serving;
using ClassifierToolkit.Serving.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Spectre.Console;

namespace ClassifierToolkit.Cli.Commands;

/// <summary><c>ctk serve &lt;model.zip&gt;</c>: a local HTTP API and web page for a model, reloaded when its file is replaced.</summary>
internal static class ServeCommand
{
    public const string ModelName = "model";

    public static Command Create()
    {
        var model = new Argument<FileInfo>("model") { Description = "A saved classifier .zip (watched: replacing the file swaps the model)" };
        var port = new Option<int>("--port") { Description = "Port to listen on", DefaultValueFactory = _ => 5080 };
        var host = new Option<string>("--host") { Description = "Address to listen on (0.0.0.0 for every interface)", DefaultValueFactory = _ => "127.0.0.1" };
        var maxRequest = new Option<int>("--max-request-mb") { Description = "Largest request body accepted, in MB (larger ones get 413)", DefaultValueFactory = _ => 16 };
        var command = new Command("serve", "Serve a model over HTTP: POST /predict, POST /predict/batch, GET /model, GET /health, and a web page at /.")
            { model, port, host, maxRequest };
        maxRequest.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 1) result.AddError($"--max-request-mb is {result.GetValueOrDefault<int>()}; give at least 1 (MB).");
        });
        command.SetAction(async (parse, cancellationToken) =>
        {
            var modelPath = parse.GetValue(model)!.FullName;
            var builder = LocalWebApp.CreateBuilder(parse.GetValue(host)!, parse.GetValue(port));
            builder.Services.AddImageClassifier(ModelName, modelPath, watchForChanges: true);
            await using var app = builder.Build();
            // Load now, so a bad model file fails the command instead of the first request.
            var pool = app.Services.GetRequiredService<ImageClassifierPool>();
            app.UseStatusCodePages(context => TypedResults.Problem(statusCode: context.HttpContext.Response.StatusCode,
                detail: $"{context.HttpContext.Request.Method} {context.HttpContext.Request.Path} is not part of this API: " +
                    "use POST /predict, POST /predict/batch, GET /model or GET /health.").ExecuteAsync(context.HttpContext));
            app.MapImageClassifier(ModelName, new ImageClassifierEndpointOptions { MaxRequestBytes = (long)parse.GetValue(maxRequest) * 1024 * 1024 });
            ServePage.Map(app);
            await LocalWebApp.ServeAsync(app, () =>
            {
                var info = pool.Describe(ModelName);
                AnsiConsole.MarkupLineInterpolated($"Serving [bold]{modelPath}[/] ({info.ClassNames.Count} classes, {info.Channels}×{info.Height}×{info.Width}, sha256 {info.Identity.Sha256[..12]}) at [bold]{string.Join(", ", app.Urls)}[/]; Ctrl+C stops.");
            }, cancellationToken);
            return CtkApp.Success;
        });
        return command;
    }
}
