using System.CommandLine;
using ClassifierToolkit.Cli.Ui;
using Spectre.Console;

namespace ClassifierToolkit.Cli.Commands;

/// <summary><c>ctk ui</c>: a local web app over the runs and studies under a folder: Model Builder's experience in a browser, on any OS.</summary>
internal static class UiCommand
{
    public static Command Create()
    {
        var root = new Option<DirectoryInfo>("--root") { Description = "Folder whose runs (ctk train, compare, new) and studies (experiment.db) are shown; nothing outside it is reachable", DefaultValueFactory = _ => new DirectoryInfo(".") };
        var storage = new Option<string?>("--storage") { Description = "A PostgreSQL connection string whose studies are shown too" };
        var port = new Option<int>("--port") { Description = "Port to listen on", DefaultValueFactory = _ => 5090 };
        var host = new Option<string>("--host") { Description = "Address to listen on; anything but loopback requires the token printed at start", DefaultValueFactory = _ => "127.0.0.1" };
        var token = new Option<string?>("--token") { Description = "The token to require (default: none on loopback, a random one otherwise)" };
        var maxRequest = new Option<int>("--max-request-mb") { Description = "Largest request body accepted, in MB (larger ones get 413)", DefaultValueFactory = _ => 32 };
        var command = new Command("ui", "A web page over your runs, searches and models: metrics, confusion matrices, live searches, try a model, start ctk new.")
            { root, storage, port, host, token, maxRequest };
        maxRequest.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 1) result.AddError($"--max-request-mb is {result.GetValueOrDefault<int>()}; give at least 1 (MB).");
        });
        command.SetAction(async (parse, cancellationToken) =>
        {
            var settings = new UiSettings(new UiRoot(parse.GetValue(root)!.FullName), parse.GetValue(storage), parse.GetValue(host)!, parse.GetValue(port),
                parse.GetValue(token), (long)parse.GetValue(maxRequest) * 1024 * 1024);
            settings = settings with { Token = UiAccess.For(settings.Host, settings.Token).Token };
            await using var app = UiServer.Build(settings);
            await LocalWebApp.ServeAsync(app, () =>
            {
                var address = string.Join(", ", app.Urls.Select(u => settings.Token is null ? u : $"{u}/?token={settings.Token}"));
                AnsiConsole.MarkupLineInterpolated($"ctk ui: the runs and studies under [bold]{settings.Root.FullPath}[/] at [bold]{address}[/]; Ctrl+C stops.");
                if (settings.Token is not null)
                    AnsiConsole.MarkupLineInterpolated($"[yellow]Listening beyond this machine: every request needs the token {settings.Token} (in the address above, or 'Authorization: Bearer').[/]");
            }, cancellationToken);
            return CtkApp.Success;
        });
        return command;
    }
}
