// The model to serve: `dotnet run -- --Model path/to/model.zip` (or the Model setting); replacing the file swaps the model.
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddImageClassifier("fashion", builder.Configuration["Model"] ?? "models/fashion-mnist-cnn.zip", watchForChanges: true);
var app = builder.Build();
// POST /predict (one image: the body or a multipart file; ?top=k), POST /predict/batch, GET /model, GET /health.
app.MapImageClassifier("fashion");
app.Run();
