using System.Diagnostics;
using System.Globalization;
using Benchmarks.Shared;
using ClassifierToolkit;
using ClassifierToolkit.Data;
using ClassifierToolkit.Prediction;
using ClassifierToolkit.Preprocessing;

/// <summary>One model scoring the 10,000 Fashion-MNIST test images on the batched path, alone in its process.</summary>
internal static class TimedTurn
{
    /// <summary>The test images as the models read them, back to back.</summary>
    public static float[] Pixels(LabeledImageSet test)
    {
        var pixels = new float[test.Count * test.ImageSize];
        for (int i = 0; i < test.Count; i++) PixelScaling.ToUnitRange(test.ImagePixels(i)).CopyTo(pixels.AsSpan(i * test.ImageSize));
        return pixels;
    }

    /// <summary>ms per image, the median of three timed passes after two untimed ones (loading JIT-compiles ML.NET code,
    /// which delays .NET's tier-1 recompilation of the scoring loop).</summary>
    public static double Run(string model)
    {
        var test = FashionMnist.Load(DataSplitKind.Test);
        var pixels = Pixels(test);
        using var classifier = ImageClassifier.Load(model);
        var times = new List<double>();
        for (int pass = 0; pass < 5; pass++)
        {
            var clock = Stopwatch.StartNew();
            classifier.PredictPixels(pixels, test.Count);
            if (pass >= 2) times.Add(clock.Elapsed.TotalMilliseconds / test.Count);
        }
        return Percentiles.Median(times);
    }

    /// <summary><see cref="Run"/> in a new process of this benchmark.</summary>
    public static double InChildProcess(string model)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet") start.ArgumentList.Add(typeof(TimedTurn).Assembly.Location);
        start.ArgumentList.Add("time");
        start.ArgumentList.Add(model);
        using var child = Process.Start(start)!;
        var output = child.StandardOutput.ReadToEnd().Trim();
        child.WaitForExit();
        if (child.ExitCode != 0) throw new InvalidOperationException($"timing {model} failed (exit {child.ExitCode}): {output}");
        return double.Parse(output.Split('\n')[^1], CultureInfo.InvariantCulture);
    }
}
