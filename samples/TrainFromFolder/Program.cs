using ClassifierToolkit;
using ClassifierToolkit.Data;
using ClassifierToolkit.Evaluation;
using ClassifierToolkit.Prediction;
using Microsoft.ML;

// dotnet run --project samples/TrainFromFolder -- <image folder, one sub-folder per class> [epochs]
var folder = args[0];
var epochs = args.Length > 1 ? int.Parse(args[1]) : 10;

var mlContext = new MLContext(seed: 1);
var catalog = mlContext.Classifier();
var images = ImageFolderSource.Scan(folder).Files;                          // ImagePath + Label (the sub-folder's name)
var split = mlContext.Data.TrainTestSplit(mlContext.Data.LoadFromEnumerable(images), testFraction: 0.2, seed: 1);

var pipeline = catalog.Transforms.PreprocessImages(width: 32, height: 32)   // LoadImages → ResizeImages → ExtractPixels
    .Append(catalog.Trainers.ImageClassification("resnet8", epochs));      // any registered model: `ctk models`
ITransformer model = pipeline.Fit(split.TrainSet);                           // ImagePath → Pixels → Score, PredictedLabel
ClassifierMetrics metrics = catalog.Evaluation.Evaluate(model.Transform(split.TestSet));
Console.WriteLine($"accuracy {metrics.MicroAccuracy:F4} on {metrics.TestImages} test images");
mlContext.Model.Save(model, split.TrainSet.Schema, "model.zip");             // plain ML.NET loads it, see "Serving"

using ImageClassifier classifier = catalog.Prediction.Load("model.zip");
var prediction = classifier.Predict(ImageData.FromFile(images[0].ImagePath));
Console.WriteLine($"{images[0].ImagePath}: {prediction.PredictedLabel} ({prediction.Top(1)[0].Probability:P1})");
