using System.Diagnostics;
using Benchmarks.Shared;
using ClassifierToolkit.Prediction;
using ClassifierToolkit.Serving;
using Microsoft.ML;

namespace Scoring;

/// <summary>
/// One image at a time from its PNG path, as a request handler would: <see cref="ImageClassifierPool.Predict(string, string)"/>
/// against one plain ML.NET <c>PredictionEngine</c> on the same file. Reports the median, over the
/// repeats, of each run's p50 and p99.
/// </summary>
internal static class LatencyBenchmark
{
    private const string ModelName = "model";
    private const int WarmupImages = 200;

    public static IReadOnlyList<Comparison> Run(ScoringSetup setup, int predictions)
    {
        var files = setup.ImageFiles();
        using var pool = new ImageClassifierPool();
        pool.Add(ModelName, setup.ModelPath);
        var mlContext = new MLContext();
        using var engine = mlContext.Model.CreatePredictionEngine<ImageInput, ImagePrediction>(mlContext.Model.Load(setup.ModelPath, out _));
        ScoredImage ByPool(int i) => ScoredImage.From(pool.Predict(ModelName, files[i % files.Count]));
        ScoredImage ByEngine(int i) => ScoredImage.From(engine.Predict(new ImageInput { ImagePath = files[i % files.Count] }));

        // The warm-up's answers double as the agreement check.
        int warmup = Math.Min(WarmupImages, files.Count);
        var agreement = Agreement.Of([.. Enumerable.Range(0, warmup).Select(ByPool)], [.. Enumerable.Range(0, warmup).Select(ByEngine)]);

        var poolRuns = new List<IReadOnlyList<double>>();
        var engineRuns = new List<IReadOnlyList<double>>();
        Repeated.Alternate(setup.Repeats, () => poolRuns.Add(SortedLatencies(predictions, ByPool)),
            () => engineRuns.Add(SortedLatencies(predictions, ByEngine)));
        Console.WriteLine($"  timed runs, p50/p99 ms: pool {Describe(poolRuns)}; ML.NET {Describe(engineRuns)}");
        return [Row("latency_p50", "single image p50", 50), Row("latency_p99", "single image p99", 99)];

        Comparison Row(string key, string title, double percent) => new(key, title, "ms", predictions, "pool",
            Percentiles.Median(poolRuns.Select(run => Percentiles.Of(run, percent))),
            Percentiles.Median(engineRuns.Select(run => Percentiles.Of(run, percent))), agreement);
    }

    private static string Describe(IEnumerable<IReadOnlyList<double>> runs) =>
        string.Join(" ", runs.Select(run => $"{Percentiles.Of(run, 50):F3}/{Percentiles.Of(run, 99):F3}"));

    private static List<double> SortedLatencies(int predictions, Func<int, ScoredImage> predict)
    {
        Repeated.CleanHeap();
        var latencies = new List<double>(predictions);
        for (int i = 0; i < predictions; i++)
        {
            long start = Stopwatch.GetTimestamp();
            predict(i);
            latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
        latencies.Sort();
        return latencies;
    }
}
