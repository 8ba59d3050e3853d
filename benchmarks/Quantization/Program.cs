// benchmarks/quantize.sh runs this: dotnet run -- <fp32.zip> <int8.zip> [rounds]. Prints a table and a RESULT line.
// Each timed turn runs in a child process of this program: dotnet run -- time <model.zip> prints its ms per image.
using System.Globalization;
using Benchmarks.Shared;
using ClassifierToolkit;
using ClassifierToolkit.Data;
using ClassifierToolkit.Prediction;
using Microsoft.ML;
using Microsoft.ML.Data;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
if (args is ["time", var timedModel])
{
    Console.WriteLine(TimedTurn.Run(timedModel).ToString("R"));
    return 0;
}
if (args.Length < 2)
{
    Console.Error.WriteLine("usage: Quantization <fp32 model.zip> <int8 model.zip> [rounds, default 7]");
    return 2;
}
int rounds = args.Length > 2 ? int.Parse(args[2]) : 7;
var test = FashionMnist.Load(DataSplitKind.Test);
var pixels = TimedTurn.Pixels(test);
var truth = test.Labels.Select(l => test.ClassNames[l]).ToArray();

// Each turn is a process of its own (TimedTurn), one model in it, as an app serving that model runs it. With both
// models live in one process, the idle session's ONNX Runtime workers kept spinning and slowed whichever model ran next
// by 2-3 µs an image, more than the int8 model's whole stem. Each child warms itself up; round 0 (untimed) also warms the
// disk cache. The order alternates each round.
var paths = new Dictionary<string, string> { ["fp32"] = args[0], ["int8"] = args[1] };
var times = new Dictionary<string, List<double>> { ["fp32"] = [], ["int8"] = [] };
for (int round = 0; round <= rounds; round++)
    foreach (var name in round % 2 == 0 ? new[] { "fp32", "int8" } : ["int8", "fp32"])
    {
        double ms = TimedTurn.InChildProcess(paths[name]);
        if (round > 0) times[name].Add(ms);
    }

using var fp32 = ImageClassifier.Load(args[0]);
using var int8 = ImageClassifier.Load(args[1]);
var fp32Predictions = fp32.PredictPixels(pixels, test.Count);
var int8Predictions = int8.PredictPixels(pixels, test.Count);
double Accuracy(IReadOnlyList<ClassifierPrediction> p) => p.Zip(truth).Count(x => x.First.PredictedLabel == x.Second) / (double)truth.Length;
double fp32Ms = Percentiles.Median(times["fp32"]), int8Ms = Percentiles.Median(times["int8"]);
double fp32Accuracy = Accuracy(fp32Predictions), int8Accuracy = Accuracy(int8Predictions);
double agreement = fp32Predictions.Zip(int8Predictions).Count(p => p.First.PredictedLabel == p.Second.PredictedLabel) / (double)truth.Length;

// A plain ML.NET app: Model.Load and Transform, no toolkit code in the scoring path.
var mlContext = new MLContext();
var loaded = mlContext.Model.Load(args[1], out _);
var scorer = ((TransformerChain<ITransformer>)loaded).LastTransformer; // the chain is (preprocessing, scorer)
var view = mlContext.Data.LoadFromEnumerable(Enumerable.Range(0, 500).Select(i => new PixelsRow { Pixels = pixels.AsSpan(i * test.ImageSize, test.ImageSize).ToArray() }),
    PixelsRow.Schema(fp32.Channels, fp32.Height, fp32.Width));
var mlNetLabels = scorer.Transform(view).GetColumn<string>(ColumnNames.PredictedLabel).ToList();
int mlNetAgree = mlNetLabels.Zip(int8Predictions).Count(p => p.First == p.Second.PredictedLabel);

Console.WriteLine($"{Environment.ProcessorCount} cores, {test.Count:N0} test images, {rounds} timed rounds (medians)");
Console.WriteLine($"{"model",-6}{"ms/image",10}{"test acc",10}  file");
Console.WriteLine($"{"fp32",-6}{fp32Ms,10:F4}{fp32Accuracy,10:F4}  {args[0]} ({new FileInfo(args[0]).Length:N0} bytes)");
Console.WriteLine($"{"int8",-6}{int8Ms,10:F4}{int8Accuracy,10:F4}  {args[1]} ({new FileInfo(args[1]).Length:N0} bytes)");
Console.WriteLine($"per round (a process each), ms/image: fp32 {string.Join(" ", times["fp32"].Select(t => t.ToString("F4")))}; int8 {string.Join(" ", times["int8"].Select(t => t.ToString("F4")))}");
Console.WriteLine($"int8 speedup {fp32Ms / int8Ms:F2}x, accuracy change {(int8Accuracy - fp32Accuracy) * 100:+0.00;-0.00} points, label agreement {agreement:P2}");
Console.WriteLine($"plain ML.NET (Model.Load + Transform) on the int8 .zip: {mlNetAgree}/{mlNetLabels.Count} labels equal to the batched path");
Console.WriteLine($"RESULT fp32_ms_per_image={fp32Ms:F4} int8_ms_per_image={int8Ms:F4} speedup={fp32Ms / int8Ms:F2} fp32_acc={fp32Accuracy:F4} int8_acc={int8Accuracy:F4} " +
    $"agreement={agreement:F4} mlnet_agree={mlNetAgree}/{mlNetLabels.Count}");
return mlNetAgree == mlNetLabels.Count ? 0 : 1;

internal sealed class PixelsRow
{
    public float[] Pixels { get; set; } = [];

    public static SchemaDefinition Schema(int channels, int height, int width)
    {
        var schema = SchemaDefinition.Create(typeof(PixelsRow));
        schema[nameof(Pixels)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, channels, height, width);
        return schema;
    }
}
