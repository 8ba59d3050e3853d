using System.Reflection;
using ClassifierToolkit.Prediction;
using ClassifierToolkit.Serving;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ClassifierToolkit.Cli.Serve;

/// <summary>
/// The HTTP API of <c>ctk serve</c>: <c>POST /predict</c>, <c>POST /predict/batch</c>, <c>GET /model</c>, <c>GET /health</c> and the
/// page at <c>/</c>. Bad input answers 400 (or 413 when too large) with a JSON <c>error</c> that says what is wrong, never 500.
/// </summary>
internal static class ClassifierEndpoints
{
    public const int DefaultTop = 3;

    public static void Map(IEndpointRouteBuilder app, string modelName)
    {
        app.MapGet("/", () => Results.Content(Page.Value, "text/html; charset=utf-8"));
        app.MapGet("/health", () => Results.Json(new { status = "ok" }));
        app.MapGet("/model", (ImageClassifierPool pool) => Results.Json(ServeResponses.From(pool.Describe(modelName))));
        app.MapPost("/predict", (HttpRequest request, ImageClassifierPool pool, CancellationToken cancellationToken) => Answer(async () =>
        {
            int top = Top(request, pool.Describe(modelName).ClassNames.Count);
            var uploads = await ImageUploads.ReadAsync(request, cancellationToken);
            if (uploads.Count != 1)
                throw new ImageUploads.BadRequestException($"/predict takes one image; this request has {uploads.Count}. Send several to /predict/batch.");
            var prediction = pool.Predict(modelName, ImageData.FromBytes(uploads[0].Bytes, uploads[0].Name));
            return Results.Json(ServeResponses.From(uploads[0].Name, prediction, top));
        }));
        app.MapPost("/predict/batch", (HttpRequest request, ImageClassifierPool pool, CancellationToken cancellationToken) => Answer(async () =>
        {
            int top = Top(request, pool.Describe(modelName).ClassNames.Count);
            var uploads = await ImageUploads.ReadAsync(request, cancellationToken);
            var predictions = pool.PredictBatch(modelName, [.. uploads.Select(u => ImageData.FromBytes(u.Bytes, u.Name))]);
            return Results.Json(new ServeResponses.Batch([.. uploads.Zip(predictions, (u, p) => ServeResponses.From(u.Name, p, top))]));
        }));
    }

    // Every failure a request can cause becomes a JSON error with the right status.
    private static async Task<IResult> Answer(Func<Task<IResult>> handle)
    {
        try
        {
            return await handle();
        }
        catch (BadHttpRequestException e)
        {
            return Error(e.StatusCode, e.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? $"The request is larger than this server accepts ({e.Message}). Send a smaller image, or start ctk serve with a larger --max-request-mb."
                : e.Message);
        }
        catch (Exception e) when (e is ImageUploads.BadRequestException or InvalidDataException or InvalidOperationException { Source: "Microsoft.AspNetCore.Http" })
        {
            return Error(StatusCodes.Status400BadRequest, e.Message);
        }
    }

    private static int Top(HttpRequest request, int classCount)
    {
        if (!request.Query.TryGetValue("top", out var text)) return Math.Min(DefaultTop, classCount);
        if (!int.TryParse(text, out int top) || top < 1 || top > classCount)
            throw new ImageUploads.BadRequestException($"top={text} is not a class count between 1 and {classCount}.");
        return top;
    }

    public static IResult Error(int status, string message) => Results.Json(new ServeResponses.Failure(message), statusCode: status);

    private static readonly Lazy<string> Page = new(() =>
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("ctk-serve-index.html")!;
        return new StreamReader(stream).ReadToEnd();
    });
}
