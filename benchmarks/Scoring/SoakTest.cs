using System.Diagnostics;
using ClassifierToolkit.Serving;

namespace Scoring;

/// <summary>
/// Many passes over the test images through one <see cref="ImageClassifierPool"/>, one image per call, from several threads
/// at once (thread t takes images t, t + threads, ...). Every pass must give the first pass's predictions exactly (label
/// and bit-identical scores): concurrent calls must not disturb each other, and nothing may drift. Memory is read at the
/// start, after the first pass and at the end; growth after the first pass would point to a leak.
/// </summary>
internal static class SoakTest
{
    private const string ModelName = "model";
    private const int MismatchesShown = 5;

    public static SoakResult Run(ScoringSetup setup, int passes, int threads)
    {
        var files = setup.ImageFiles();
        using var pool = new ImageClassifierPool();
        pool.Add(ModelName, setup.ModelPath);
        var start = MemoryReading.Now();
        Console.WriteLine($"soak: {passes} passes over {files.Count:N0} images, {threads} threads; start: {start}");

        ScoredImage[]? first = null;
        var afterFirstPass = start;
        int mismatches = 0;
        var clock = Stopwatch.StartNew();
        for (int pass = 1; pass <= passes; pass++)
        {
            var passClock = Stopwatch.StartNew();
            var results = PredictAll(pool, files, threads);
            passClock.Stop();
            int passMismatches = first is null ? 0 : CountMismatches(first, results, files);
            mismatches += passMismatches;
            if (first is null)
            {
                first = results;
                afterFirstPass = MemoryReading.Now();
            }
            Console.WriteLine($"  pass {pass,3}/{passes}: {passClock.Elapsed.TotalSeconds,6:F2} s, {files.Count / passClock.Elapsed.TotalSeconds,8:F0} images/s, " +
                $"{passMismatches} mismatches, RSS {ProcessMemory.ResidentMb():F0} MB");
        }
        clock.Stop();
        return new SoakResult(passes, files.Count, threads, mismatches, clock.Elapsed, start, afterFirstPass, MemoryReading.Now());
    }

    private static ScoredImage[] PredictAll(ImageClassifierPool pool, IReadOnlyList<string> files, int threads)
    {
        var results = new ScoredImage[files.Count];
        var failures = new Exception?[threads];
        var workers = Enumerable.Range(0, threads).Select(t => new Thread(() =>
        {
            try
            {
                for (int i = t; i < files.Count; i += threads) results[i] = ScoredImage.From(pool.Predict(ModelName, files[i]));
            }
            catch (Exception e)
            {
                // Rethrown on the main thread below: an exception on a worker thread would end the process without the report.
                failures[t] = e;
            }
        })).ToList();
        workers.ForEach(worker => worker.Start());
        workers.ForEach(worker => worker.Join());
        if (failures.FirstOrDefault(f => f is not null) is { } failure)
            throw new InvalidOperationException($"A soak thread failed: {failure.Message}", failure);
        return results;
    }

    private static int CountMismatches(ScoredImage[] first, ScoredImage[] again, IReadOnlyList<string> files)
    {
        int count = 0;
        for (int i = 0; i < first.Length; i++)
        {
            if (first[i].IsIdenticalTo(again[i])) continue;
            if (++count <= MismatchesShown)
                Console.WriteLine($"    mismatch {files[i]}: first {first[i].Label}, now {again[i].Label}, max |score diff| {first[i].MaxAbsDifference(again[i]):G3}");
        }
        return count;
    }
}
