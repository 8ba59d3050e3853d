using ClassifierToolkit.Serving;

// The model to serve: `dotnet run -- --Model path/to/model.zip` (or the Model setting); replacing the file swaps the model.
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddImageClassifier("fashion", builder.Configuration["Model"] ?? "models/fashion-mnist-cnn.zip", watchForChanges: true);
var app = builder.Build();
app.MapPost("/classify", async (HttpRequest request, ImageClassifierPool pool) =>
{
    using var body = new MemoryStream();
    await request.Body.CopyToAsync(body);
    var prediction = pool.Predict("fashion", body.ToArray());          // or a path, a Stream, an MLImage
    return new { prediction.PredictedLabel, top = prediction.Top(3) };  // class names with probabilities
});
app.Run();
