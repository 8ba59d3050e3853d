using ClassifierToolkit.Serving;
using {{Name}}.WebApi;

// Serves the trained {{Name}} model ({{ClassCount}} classes; any image, resized to {{InputSize}}) over HTTP:
//   dotnet run -- --urls http://127.0.0.1:5000
//   curl --data-binary @photo.png http://127.0.0.1:5000/predict      (or as a form: curl -F image=@photo.png ...)
const string ModelName = "{{Name}}";
const int TopClasses = 3;

var builder = WebApplication.CreateBuilder(args);
// The model file is the Model setting (--Model path/to/model.zip, appsettings.json or the Model environment variable),
// else the {{Name}}.zip the build copies next to the app. It is watched: replacing the file swaps the model, no restart.
string modelPath = builder.Configuration["Model"] ?? Path.Combine(AppContext.BaseDirectory, "{{Name}}.zip");
builder.Services.AddImageClassifier(ModelName, modelPath, watchForChanges: true);
var app = builder.Build();
// Load the model now, so a missing or unreadable file stops the app at once instead of failing its first request.
app.Services.GetRequiredService<ImageClassifierPool>();

app.MapGet("/health", () => new { status = "ok" });
// Which file is served (path, SHA-256, load time), its classes and input size.
app.MapGet("/model", (ImageClassifierPool pool) => pool.Describe(ModelName));
app.MapPost("/predict", async (HttpRequest request, ImageClassifierPool pool, CancellationToken cancellationToken) =>
{
    try
    {
        var prediction = pool.Predict(ModelName, await ImageUpload.ReadAsync(request, cancellationToken));
        return Results.Ok(new { prediction.PredictedLabel, top = prediction.Top(TopClasses) });
    }
    catch (Exception e) when (e is InvalidDataException or BadHttpRequestException)
    {
        // An empty body, a file that is not an image, a form without a file: the message says which and how to send it.
        return Results.BadRequest(new { error = e.Message });
    }
});
app.Run();
