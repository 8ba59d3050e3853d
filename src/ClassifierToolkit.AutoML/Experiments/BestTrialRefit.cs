using System.Globalization;
using ClassifierToolkit.AutoML.Trials;
using ClassifierToolkit.Data.Sources;
using ClassifierToolkit.Pipelines;
using ClassifierToolkit.Training;

namespace ClassifierToolkit.AutoML.Experiments;

/// <summary>
/// Plans and runs the refit of a search's best configuration (see <see cref="ExperimentRefit"/>): which epoch count, whether it is
/// safe (a separate test set, a validation split to add) and whether it fits what is left of the time budget.
/// </summary>
internal static class BestTrialRefit
{
    /// <summary>The refit's run folder inside the output folder.</summary>
    public const string Folder = "refit";
    /// <summary>The time estimate is raised by this factor before it is compared with the time left.</summary>
    public const double TimeMargin = 1.1;

    /// <summary>The refit of <paramref name="best"/>: its best epoch and validation value, and why it is skipped (null to go ahead).</summary>
    /// <param name="best">The search's best complete trial.</param>
    /// <param name="pipeline">Its resolved pipeline.</param>
    /// <param name="objective">The study's objective.</param>
    /// <param name="enabled">False when the refit is turned off.</param>
    /// <param name="timeLeft">What is left of the time budget, or null without one.</param>
    public static ExperimentRefit Plan(TrialRecord best, PipelineSpec pipeline, MonitoredMetric objective, bool enabled, TimeSpan? timeLeft)
    {
        var validated = best.History.Where(e => objective.Value(e) is not null).ToList();
        if (validated.Count == 0)
            return new ExperimentRefit(best.Number, best.History.Count, objective, double.NaN, "the best trial has no validation metrics to choose an epoch count on");
        // The earliest epoch with the best score: a tie is not worth more epochs.
        var bestEpoch = validated.Aggregate((a, b) => objective.Score(b) > objective.Score(a) ? b : a);
        var plan = new ExperimentRefit(best.Number, bestEpoch.Epoch, objective, objective.Read(bestEpoch), null);
        return plan with { SkippedBecause = SkipReason(best, pipeline.Data, plan.Epochs, enabled, timeLeft) };
    }

    /// <summary>The estimated wall time of the refit: the trial's time per epoch, scaled to the epochs and to the validation images added.</summary>
    public static TimeSpan? Estimate(TrialRecord best, DataSpec data, int epochs)
    {
        int epochsRun = best.History.Count;
        if (best.Duration is not { } duration || epochsRun == 0 || data.ValidationFraction >= 1) return null;
        return duration * epochs / epochsRun / (1 - data.ValidationFraction) * TimeMargin;
    }

    /// <summary>The pipeline that refits: all the training data (no validation split), the best epoch count, no early stopping or best-weights.</summary>
    public static PipelineSpec Spec(PipelineSpec pipeline, int epochs, string name) => pipeline with
    {
        Name = name,
        Data = pipeline.Data with { ValidationFraction = 0 },
        Training = pipeline.Training with { Epochs = epochs, EarlyStopping = null, KeepBest = null },
    };

    /// <summary>
    /// Trains <paramref name="spec"/> into <paramref name="folder"/> (emptied first), within <paramref name="timeLeft"/> when given.
    /// Returns the training, or null with <paramref name="plan"/>'s reason set when it was cancelled, ran out of time or failed.
    /// </summary>
    public static async Task<(TrialTrainingResult? Result, ExperimentRefit Plan)> TrainAsync(ITrialTrainer trainer, PipelineSpec spec, string folder,
        ExperimentRefit plan, TimeSpan? timeLeft, CancellationToken cancellationToken)
    {
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (timeLeft is { } left) limit.CancelAfter(left);
        try
        {
            var result = await Task.Run(() => trainer.Train(spec, folder, _ => true, limit.Token), CancellationToken.None);
            return (result, plan with { TrainImages = result.TrainImages });
        }
        catch (OperationCanceledException)
        {
            var why = cancellationToken.IsCancellationRequested ? "the refit was cancelled" : "the refit did not finish within the time budget";
            return (null, plan with { SkippedBecause = why });
        }
        catch (Exception e)
        {
            // Nothing is lost: the search's model stays best.zip (out of memory included, which a long refit can hit).
            return (null, plan with { SkippedBecause = $"the refit failed: {e.Message}" });
        }
    }

    private static string? SkipReason(TrialRecord best, DataSpec data, int epochs, bool enabled, TimeSpan? timeLeft)
    {
        var c = CultureInfo.InvariantCulture;
        if (!enabled) return "it is turned off";
        if (ImageDataSources.Get(data.Source).TestsOnValidation(data))
            return "the data has no separate test set (a folder without data.testPath is tested on its validation split), so refitting would train on the test pictures";
        if (data.ValidationFraction <= 0) return "there is no validation split to add (data.validationFraction is 0)";
        if (timeLeft is { } left)
        {
            if (Estimate(best, data, epochs) is not { } estimate) return "its time cannot be estimated, and a time budget is set";
            if (estimate > left)
                return string.Create(c, $"it would take about {estimate.TotalSeconds:F0} s (trial {best.Number}'s time for {epochs} epoch(s) on the added validation images, +10 %), more than the {Math.Max(0, left.TotalSeconds):F0} s left of the time budget");
        }
        return null;
    }
}
