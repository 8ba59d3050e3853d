using System.Text.Json;
using ClassifierToolkit.Cli.New;
using ClassifierToolkit.Cli.Ui.NewModels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ClassifierToolkit.Cli.Ui;

/// <summary>The new-model page: starts the <c>ctk new</c> workflow on a folder under the root in the background, with live progress; then the run
/// page and the generated projects (browse the code, download them as a zip).</summary>
internal static class NewModelApi
{
    /// <summary>The log lines a job's view carries.</summary>
    public const int ShownLines = 200;

    public static void AddServices(IServiceCollection services)
    {
        services.AddSingleton<NewJobs>();
    }

    public static void Map(IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/new");
        group.MapGet("/options", (UiRoot root) => new
        {
            folders = DataFolders.Find(root),
            weights = NewModelRequest.WeightsNames,
            trainTimes = new[] { "30s", "2m", "10m", "30m", "1h" },
            shortestSeconds = NewModelRequest.ShortestTime.TotalSeconds,
            modelsFolder = NewModelRequest.ModelsFolder,
        });
        group.MapPost("", async (HttpRequest request, NewJobs jobs, UiRoot root) =>
        {
            var form = await ReadAsync(request);
            var job = jobs.Start(form);
            return Results.Created($"/api/new/job?id={job.Id}", job.View(root, ShownLines));
        });
        group.MapGet("/jobs", (NewJobs jobs, UiRoot root) => jobs.All.Select(j => j.View(root, 0)));
        group.MapGet("/job", (string? id, NewJobs jobs, UiRoot root) => jobs.Get(id).View(root, ShownLines));
        group.MapPost("/cancel", (string? id, NewJobs jobs, UiRoot root) =>
        {
            var job = jobs.Get(id);
            job.Cancel();
            return job.View(root, ShownLines);
        });
        group.MapGet("/project/files", (string? run, UiRoot root) =>
        {
            var projects = GeneratedProjectFiles.Of(root, run);
            return new
            {
                run = projects.Run,
                name = projects.Name,
                files = projects.Files.Select(f => new { path = f, text = GeneratedProjectFiles.IsText(f), size = new FileInfo(Path.Combine(root.FullPath, projects.Run, f)).Length }),
            };
        });
        group.MapGet("/project/file", (string? run, string? path, UiRoot root) => Results.Text(GeneratedProjectFiles.Of(root, run).Read(path), "text/plain; charset=utf-8"));
        group.MapGet("/project/zip", (string? run, UiRoot root) =>
        {
            var projects = GeneratedProjectFiles.Of(root, run);
            // Built in a temporary file: the response body takes no synchronous writes, and the models make it too large for memory.
            var temporary = new FileStream(Path.GetTempFileName(), FileMode.Open, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose);
            projects.WriteZip(temporary);
            temporary.Position = 0;
            return Results.File(temporary, "application/zip", $"{projects.Name}-projects.zip");
        });
    }

    private static async Task<NewModelRequest> ReadAsync(HttpRequest request)
    {
        if (!request.HasJsonContentType())
            throw UiRequestException.BadRequest("Send the form as JSON (Content-Type: application/json): {\"data\": \"<folder under the root>\", \"trainTime\": \"2m\", ...}.");
        var form = await request.ReadFromJsonAsync<NewModelRequest>(new JsonSerializerOptions(JsonSerializerDefaults.Web));
        return form ?? throw UiRequestException.BadRequest("The request body is empty (null); send the form as a JSON object.");
    }
}
