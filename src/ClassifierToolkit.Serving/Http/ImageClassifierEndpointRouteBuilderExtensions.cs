using ClassifierToolkit.Serving;
using ClassifierToolkit.Serving.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

// In ASP.NET Core's namespace, as its own MapXxx extensions are, so `app.MapImageClassifier` needs no extra using.
namespace Microsoft.AspNetCore.Builder;

/// <summary>
/// The HTTP API of a model in the app's <see cref="ImageClassifierPool"/>:
/// <c>builder.Services.AddImageClassifier("fashion", "model.zip"); ... app.MapImageClassifier("fashion");</c>
/// </summary>
public static class ImageClassifierEndpointRouteBuilderExtensions
{
    /// <summary>Maps model <paramref name="modelName"/>'s HTTP API at the root: <c>POST /predict</c> (one image: the raw body
    /// or one multipart file; <c>?top=k</c>), <c>POST /predict/batch</c> (multipart files), <c>GET /model</c> (the served
    /// file, its SHA-256, load time, classes and input size) and <c>GET /health</c>. Bad input gets problem details (400,
    /// or 413 when too large), never 500.</summary>
    /// <param name="endpoints">The app.</param>
    /// <param name="modelName">A model registered with <c>services.AddImageClassifier(modelName, path)</c>.</param>
    /// <returns>The routes' group, to add conventions to (e.g. <c>.RequireAuthorization()</c>).</returns>
    /// <exception cref="ArgumentException">The name is empty.</exception>
    /// <exception cref="InvalidOperationException">The app's services have no <see cref="ImageClassifierPool"/>.</exception>
    public static RouteGroupBuilder MapImageClassifier(this IEndpointRouteBuilder endpoints, string modelName)
        => MapImageClassifier(endpoints, modelName, new ImageClassifierEndpointOptions());

    /// <summary>Maps model <paramref name="modelName"/>'s HTTP API as <paramref name="options"/> say: under a route prefix,
    /// with a default top and a request size limit.</summary>
    /// <param name="endpoints">The app.</param>
    /// <param name="modelName">A model registered with <c>services.AddImageClassifier(modelName, path)</c>.</param>
    /// <param name="options">Route prefix, default top, largest request.</param>
    /// <returns>The routes' group, to add conventions to (e.g. <c>.RequireAuthorization()</c>).</returns>
    /// <exception cref="ArgumentException">The name is empty.</exception>
    /// <exception cref="InvalidOperationException">The app's services have no <see cref="ImageClassifierPool"/>.</exception>
    public static RouteGroupBuilder MapImageClassifier(this IEndpointRouteBuilder endpoints, string modelName, ImageClassifierEndpointOptions options)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrWhiteSpace(modelName);
        ArgumentNullException.ThrowIfNull(options);
        // Checked now: without it, the first request would fail with a binding error that does not say what to add.
        if (endpoints.ServiceProvider.GetService<IServiceProviderIsService>()?.IsService(typeof(ImageClassifierPool)) != true)
            throw new InvalidOperationException($"MapImageClassifier(\"{modelName}\") serves a model of the app's ImageClassifierPool, and the app's " +
                $"services have none: call builder.Services.AddImageClassifier(\"{modelName}\", \"model.zip\") before builder.Build().");

        var handlers = new ImageClassifierHandlers(modelName, options);
        var group = endpoints.MapGroup(options.RoutePrefix);
        group.MapPost("/predict", handlers.PredictAsync);
        group.MapPost("/predict/batch", handlers.PredictBatchAsync);
        group.MapGet("/model", handlers.Model);
        group.MapGet("/health", () => TypedResults.Ok(new { status = "ok" }));
        if (options.MaxRequestBytes is { } limit)
            group.WithMetadata(new RequestSizeLimit(limit)).WithFormOptions(multipartBodyLengthLimit: limit);
        return group;
    }
}
