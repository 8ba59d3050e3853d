// Loads a ClassifierToolkit .zip with plain ML.NET and predicts image files:
//   dotnet run --project samples/PredictionApp -- models/fashion-mnist-cnn.zip image1.png [image2.png ...]
using Microsoft.ML;
using Microsoft.ML.Data;

if (args.Length < 2)
{
    Console.Error.WriteLine("usage: PredictionApp <model.zip> <image> [<image> ...]");
    return 2;
}

var mlContext = new MLContext();
ITransformer model = mlContext.Model.Load(args[0], out _);
var engine = mlContext.Model.CreatePredictionEngine<ModelInput, ModelOutput>(model);

// The class names travel with the model as the Score column's slot names.
VBuffer<ReadOnlyMemory<char>> slotNames = default;
model.GetOutputSchema(mlContext.Data.LoadFromEnumerable(Array.Empty<ModelInput>()).Schema)["Score"].GetSlotNames(ref slotNames);
var classNames = slotNames.DenseValues().Select(name => name.ToString()).ToArray();

foreach (var imagePath in args.Skip(1))
{
    var prediction = engine.Predict(new ModelInput { ImagePath = Path.GetFullPath(imagePath) });
    int best = Array.IndexOf(prediction.Score, prediction.Score.Max());
    Console.WriteLine($"{imagePath}\t{prediction.PredictedLabel}\t{prediction.Score[best]:P1}\t({classNames[best]})");
}
// ML.NET keeps the loaded network in a temporary file and deletes it only when the model is disposed.
(model as IDisposable)?.Dispose();
return 0;

/// <summary>The model's input: one image file.</summary>
public sealed class ModelInput
{
    public string ImagePath { get; set; } = "";
}

/// <summary>The model's output: the class name and the probability of every class.</summary>
public sealed class ModelOutput
{
    public string PredictedLabel { get; set; } = "";
    public float[] Score { get; set; } = [];
}
