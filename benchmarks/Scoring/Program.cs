// Scoring: the toolkit's batched ONNX Runtime path and serving pool against plain ML.NET on one saved model and the
// Fashion-MNIST test images, in one process: the model alone, end to end from PNG files, single-image latency, and a
// multi-threaded soak test of the pool. Prints a table and RESULT lines. See benchmarks/README.md.
using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography;
using Benchmarks.Shared;
using Scoring;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
string[] measurements = ["model", "e2e", "latency", "soak"];

var model = new Option<string>("--model") { Description = "Classifier .zip", DefaultValueFactory = _ => DefaultModel() };
var images = new Option<string?>("--images") { Description = "Folder of the test images as PNG files (ctk data export-images fashion-mnist <dir>); needed by e2e, latency and soak" };
var limit = new Option<int?>("--limit") { Description = "Use only the first N test images" };
var repeats = new Option<int>("--repeats") { Description = "Timed runs per measurement after a warm-up; the median is reported", DefaultValueFactory = _ => 3 };
var latencyCount = new Option<int>("--latency-count") { Description = "Single predictions per timed latency run", DefaultValueFactory = _ => 2_000 };
var soak = new Option<int>("--soak") { Description = "Soak passes over the images through the pool (0 skips the soak)", DefaultValueFactory = _ => 5 };
var threads = new Option<int>("--threads") { Description = "Threads of the soak test", DefaultValueFactory = _ => 4 };
var only = new Option<string[]>("--only") { Description = "Run only these measurements (repeatable)", AllowMultipleArgumentsPerToken = true };
only.AcceptOnlyFromAmong(measurements);
var root = new RootCommand("Scoring speed of a saved classifier: the toolkit's batched path and pool against plain ML.NET.")
    { model, images, limit, repeats, latencyCount, soak, threads, only };
root.SetAction(parse =>
{
    if (CommandLineRun.ReportUsageErrors(UsageErrors(parse))) return CommandLineRun.UsageError;
    var setup = new ScoringSetup(Path.GetFullPath(parse.GetValue(model)!), parse.GetValue(images), parse.GetValue(limit), parse.GetValue(repeats));
    var selected = parse.GetValue(only) is { Length: > 0 } chosen ? chosen : measurements;
    bool Runs(string measurement) => selected.Contains(measurement);
    Console.WriteLine($"Scoring {setup.ModelPath} (sha256 {Sha256Prefix(setup.ModelPath)}), {Environment.ProcessorCount} cores, " +
        $"repeats {setup.Repeats} (timed runs per measurement, after a warm-up){(setup.Limit is { } n ? $", first {n:N0} images" : "")}");

    var rows = new List<Comparison>();
    if (Runs("model"))
    {
        Console.WriteLine("== model only: ImageClassifier.PredictPixels vs the saved chain's scorer (ML.NET, its last element).Transform, in-memory pixels");
        rows.Add(ModelOnlyBenchmark.Run(setup));
    }
    if (Runs("e2e"))
    {
        Console.WriteLine("== end to end: ImageClassifier.PredictBatch(ImageData.FromFile) vs ML.NET model.Transform(ImagePath view)");
        rows.Add(EndToEndBenchmark.Run(setup));
    }
    if (Runs("latency"))
    {
        Console.WriteLine($"== single-image latency: ImageClassifierPool.Predict(name, path) vs ML.NET PredictionEngine, {parse.GetValue(latencyCount):N0} predictions per run");
        rows.AddRange(LatencyBenchmark.Run(setup, parse.GetValue(latencyCount)));
    }
    ResultTable.Print(rows);
    foreach (var row in rows.Where(r => !r.Agreement.AllLabelsAgree))
        Console.WriteLine($"warning: {row.Title}: the two paths disagree on {row.Agreement.Compared - row.Agreement.SameLabels} labels");

    int soakMismatches = 0;
    if (Runs("soak") && parse.GetValue(soak) > 0)
    {
        Console.WriteLine($"== soak: ImageClassifierPool.Predict per image from {parse.GetValue(threads)} threads");
        var result = SoakTest.Run(setup, parse.GetValue(soak), parse.GetValue(threads));
        result.Print();
        soakMismatches = result.Mismatches;
    }
    return soakMismatches == 0 ? 0 : 1;
});
return await CommandLineRun.InvokeAsync(root, args);

IEnumerable<string> UsageErrors(ParseResult parse)
{
    foreach (var (option, minimum) in new (Option<int>, int)[] { (repeats, 1), (latencyCount, 1), (soak, 0), (threads, 1) })
        if (parse.GetValue(option) < minimum) yield return $"{option.Name} must be at least {minimum}; got {parse.GetValue(option)}.";
    if (parse.GetValue(limit) is < 1) yield return $"--limit must be at least 1; got {parse.GetValue(limit)}.";
    if (!File.Exists(parse.GetValue(model))) yield return $"--model '{parse.GetValue(model)}' does not exist.";
    var selected = parse.GetValue(only) is { Length: > 0 } chosen ? chosen : measurements;
    if (parse.GetValue(images) is null && selected.Any(m => m != "model"))
        yield return "--images <folder of PNG files> is needed by e2e, latency and soak (write one with: ctk data export-images fashion-mnist <folder>), or give --only model.";
}

// The shipped model, found from the build output (benchmarks/Scoring/bin/<config>/<tfm>/) so the default works from any directory.
static string DefaultModel()
{
    for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
    {
        if (File.Exists(Path.Combine(folder.FullName, "ClassifierToolkit.sln")))
            return Path.Combine(folder.FullName, "models", "fashion-mnist-cnn.zip");
    }
    return Path.Combine("models", "fashion-mnist-cnn.zip");
}

static string Sha256Prefix(string path)
{
    using var stream = File.OpenRead(path);
    return Convert.ToHexStringLower(SHA256.HashData(stream))[..12];
}
