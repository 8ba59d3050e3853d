using ClassifierToolkit.Serving;

// Serves the trained {{Name}} model ({{ClassCount}} classes; any image, resized to {{InputSize}}) over HTTP:
//   dotnet run -- --urls http://127.0.0.1:5000
//   curl --data-binary @photo.png http://127.0.0.1:5000/predict      (or as a form: curl -F image=@photo.png ...)
const string ModelName = "{{Name}}";

var builder = WebApplication.CreateBuilder(args);
// The model file is the Model setting (--Model path/to/model.zip, appsettings.json or the Model environment variable),
// else the {{Name}}.zip the build copies next to the app. It is watched: replacing the file swaps the model, no restart.
string modelPath = builder.Configuration["Model"] ?? Path.Combine(AppContext.BaseDirectory, "{{Name}}.zip");
builder.Services.AddImageClassifier(ModelName, modelPath, watchForChanges: true);
var app = builder.Build();
// Load the model now, so a missing or unreadable file stops the app at once instead of failing its first request.
app.Services.GetRequiredService<ImageClassifierPool>();

// POST /predict (one image: the body or a multipart file; ?top=k), POST /predict/batch (multipart files),
// GET /model (which file is served: path, SHA-256, load time; classes, input size) and GET /health. A bad upload gets a
// 400 problem details response saying what is wrong and how to send it. Add auth etc. to the group it returns.
app.MapImageClassifier(ModelName);
app.Run();
