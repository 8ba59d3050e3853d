// MlNetAnchor: ML.NET's own route on a folder of labelled images (ResNet-18 features, L-BFGS maximum entropy), trained on
// one folder and measured on another: accuracy, the time to featurize and train, and scoring time per image from files.
// With --score-model it only times a saved ML.NET classifier (a ctk model .zip, say) through the same one-file-at-a-time
// PredictionEngine loop on the same test files. Run by benchmarks/real-images.sh; see benchmarks/README.md.
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using Benchmarks.Shared;
using Microsoft.ML;
using MlNetAnchor;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

var train = new Option<string?>("--train") { Description = "Training images, one sub-folder per class" };
var test = new Option<string>("--test") { Description = "Test images, the same class sub-folders", Required = true };
var scoreModel = new Option<string?>("--score-model") { Description = "Only time this saved ML.NET classifier (ImagePath in, PredictedLabel out) on --test" };
var seed = new Option<int>("--seed") { Description = "MLContext seed", DefaultValueFactory = _ => 1 };
var root = new RootCommand("ML.NET's ResNet-18 featurizer + L-BFGS route on image folders, or the PredictionEngine timing of a saved model.")
    { train, test, scoreModel, seed };
root.SetAction(parse =>
{
    var model = parse.GetValue(scoreModel);
    if (CommandLineRun.ReportUsageErrors(UsageErrors(parse.GetValue(train), model))) return CommandLineRun.UsageError;
    var mlContext = new MLContext(parse.GetValue(seed));
    if (model is not null) return ScoreSaved(mlContext, Path.GetFullPath(model), Read("test", parse.GetValue(test)!));
    var trainFolder = Read("train", parse.GetValue(train)!);
    return RunAnchor(mlContext, trainFolder, Read("test", parse.GetValue(test)!));
});
return await CommandLineRun.InvokeAsync(root, args);

static IEnumerable<string> UsageErrors(string? train, string? model)
{
    if (train is null && model is null) yield return "give --train <folder> (train and measure ML.NET's route) or --score-model <model.zip> (time a saved model).";
    if (model is not null && !File.Exists(model)) yield return $"--score-model '{model}' does not exist.";
}

static LabeledFolder Read(string role, string folder)
{
    var data = LabeledFolder.Read(Path.GetFullPath(folder));
    Console.WriteLine($"{role}: {data.Rows.Count:N0} images ML.NET loads, in {data.Classes.Count} classes, under {data.Root} " +
        $"(every file decoded once with MLImage in {data.CheckTime.TotalSeconds:F1} s); {data.Skipped.Count} skipped");
    foreach (var file in data.Skipped) Console.WriteLine($"  skipped {file.Path}: {file.Problem}");
    return data;
}

static int RunAnchor(MLContext mlContext, LabeledFolder train, LabeledFolder test)
{
    var version = typeof(MLContext).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0];
    Console.WriteLine($"== ML.NET {version}: {AnchorPipeline.Description}");
    var clock = Stopwatch.StartNew();
    var model = AnchorPipeline.Create(mlContext).Fit(mlContext.Data.LoadFromEnumerable(train.Rows));
    var fitSeconds = clock.Elapsed.TotalSeconds;
    Console.WriteLine($"featurize+train (Fit on {train.Rows.Count:N0} images): {fitSeconds:F1} s");

    // Transform is lazy: the evaluator's one pass over the rows is the scoring.
    clock.Restart();
    var metrics = mlContext.MulticlassClassification.Evaluate(model.Transform(mlContext.Data.LoadFromEnumerable(test.Rows)), AnchorPipeline.LabelColumn);
    var transformMs = clock.Elapsed.TotalMilliseconds / test.Rows.Count;
    Console.WriteLine($"test accuracy (micro) {metrics.MicroAccuracy:F4}, macro {metrics.MacroAccuracy:F4} on {test.Rows.Count:N0} images (ML.NET's evaluator); " +
        $"Transform over the test set: {transformMs:F1} ms/image");

    var engine = EngineTiming.Run(mlContext, model, test.Rows);
    Print(engine);
    var (micro, macro) = Accuracies.CountingMissesAsWrong(engine, test.Skipped);
    if (test.Skipped.Count > 0)
        Console.WriteLine($"over all {test.Rows.Count + test.Skipped.Count:N0} test files, the {test.Skipped.Count} ML.NET could not load counted wrong: accuracy {micro:F4}, macro {macro:F4}");
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"RESULT anchor accuracy={metrics.MicroAccuracy:F4} macro={metrics.MacroAccuracy:F4} fit_seconds={fitSeconds:F1} " +
        $"engine_ms_per_image={engine.MeanMs:F1} engine_p50_ms={engine.PercentileMs(50):F1} engine_p95_ms={engine.PercentileMs(95):F1} " +
        $"transform_ms_per_image={transformMs:F1} test_images={test.Rows.Count} train_images={train.Rows.Count} " +
        $"skipped_train={train.Skipped.Count} skipped_test={test.Skipped.Count} accuracy_all_files={micro:F4} macro_all_files={macro:F4}"));
    return 0;
}

static int ScoreSaved(MLContext mlContext, string modelPath, LabeledFolder test)
{
    Console.WriteLine($"== PredictionEngine, one file at a time: {modelPath}");
    var model = mlContext.Model.Load(modelPath, out _);
    var engine = EngineTiming.Run(mlContext, model, test.Rows);
    Print(engine);
    var (micro, macro) = Accuracies.CountingMissesAsWrong(engine, test.Skipped);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"RESULT engine engine_ms_per_image={engine.MeanMs:F1} engine_p50_ms={engine.PercentileMs(50):F1} engine_p95_ms={engine.PercentileMs(95):F1} " +
        $"scored={engine.SortedMs.Count} failed={engine.Failures.Count} skipped_test={test.Skipped.Count} accuracy={engine.Accuracy:F4} " +
        $"accuracy_all_files={micro:F4} macro_all_files={macro:F4}"));
    return 0;
}

static void Print(EngineResult engine)
{
    Console.WriteLine($"PredictionEngine, one file at a time (decoding included), {engine.SortedMs.Count:N0} files: mean {engine.MeanMs:F1} ms/image, " +
        $"p50 {engine.PercentileMs(50):F1}, p95 {engine.PercentileMs(95):F1}, max {engine.PercentileMs(100):F1} ms; accuracy {engine.Accuracy:F4}");
    foreach (var failure in engine.Failures) Console.WriteLine($"  failed {failure}");
}
