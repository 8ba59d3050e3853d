using System.Globalization;
using ClassifierToolkit.Data;
using ClassifierToolkit.Torch.Training;
using ClassifierToolkit.Training;
using Spectre.Console;

namespace ClassifierToolkit.Cli;

/// <summary>Shows training progress: a live bar on a terminal, plain lines when output is redirected.</summary>
internal static class ProgressDisplay
{
    public static T Run<T>(Func<ITrainingCallback, T> work)
    {
        if (!AnsiConsole.Profile.Capabilities.Interactive)
            return work(new LineCallback());
        return AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(context => work(new BarCallback(context)));
    }

    private static string Format(EpochMetrics m) => string.Create(CultureInfo.InvariantCulture,
        $"epoch {m.Epoch}: train loss {m.TrainLoss:F4}, val loss {(m.ValLoss is { } l ? l.ToString("F4", CultureInfo.InvariantCulture) : "–")}, val acc {(m.ValAccuracy is { } a ? a.ToString("F4", CultureInfo.InvariantCulture) : "–")}, {m.Seconds:F1} s");

    private static string Format(FeatureExtraction f) => f.FromCache
        ? FormattableString.Invariant($"{f.DataSet} features: {f.Images:N0} images read from the cache ({f.CacheFile})")
        : FormattableString.Invariant($"{f.DataSet} features: {f.Images:N0} images in {f.Seconds:F1} s ({f.ImagesPerSecond:F0} images/s), cached in {f.CacheFile}");

    private sealed class BarCallback(ProgressContext context) : ITrainingCallback
    {
        public void OnFilesSkipped(IReadOnlyList<SkippedImage> skipped) => ResultPrinter.PrintSkipped(skipped);

        public void OnImagesReduced(IReadOnlyList<ReducedImage> reduced) => ResultPrinter.PrintReduced(reduced);

        public void OnFeaturesReady(FeatureExtraction features) => AnsiConsole.WriteLine(Format(features));

        private ProgressTask? _task;

        public void OnTrainingStart(TrainingStart start)
        {
            AnsiConsole.MarkupLineInterpolated($"Training [bold]{start.ModelName}[/] ({start.Parameters:N0} parameters) on {start.TrainImages:N0} images, validating on {start.ValidationImages:N0}, device {start.Device}");
            ComputeNotice.Show(start.Compute);
            _task = context.AddTask("starting", maxValue: 1.0);
        }

        public void OnBatchEnd(BatchProgress p)
        {
            if (_task is null || (p.Batch % 10 != 0 && p.Batch != p.Batches)) return;
            _task.Value = p.Fraction;
            _task.Description = string.Create(CultureInfo.InvariantCulture, $"epoch {p.Epoch}/{p.Epochs} batch {p.Batch}/{p.Batches} loss {p.Loss:F4}");
        }

        public void OnEpochEnd(EpochMetrics metrics) => AnsiConsole.WriteLine(Format(metrics));
    }

    private sealed class LineCallback : ITrainingCallback
    {
        public void OnFilesSkipped(IReadOnlyList<SkippedImage> skipped) => ResultPrinter.PrintSkipped(skipped);

        public void OnImagesReduced(IReadOnlyList<ReducedImage> reduced) => ResultPrinter.PrintReduced(reduced);

        public void OnFeaturesReady(FeatureExtraction features) => Console.WriteLine(Format(features));

        private int _lastDecile;

        public void OnTrainingStart(TrainingStart start)
        {
            Console.WriteLine($"Training {start.ModelName} ({start.Parameters:N0} parameters) on {start.TrainImages:N0} images, validating on {start.ValidationImages:N0}, device {start.Device}");
            ComputeNotice.Show(start.Compute);
        }

        public void OnBatchEnd(BatchProgress p)
        {
            int decile = (int)(p.Fraction * 20);
            if (decile == _lastDecile) return;
            _lastDecile = decile;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {p.Fraction:P0} epoch {p.Epoch}/{p.Epochs} batch {p.Batch}/{p.Batches} loss {p.Loss:F4} elapsed {p.Elapsed:hh\\:mm\\:ss} ETA {p.Remaining:hh\\:mm\\:ss}"));
        }

        public void OnEpochEnd(EpochMetrics metrics) => Console.WriteLine(Format(metrics));
    }
}
