using ClassifierToolkit.AutoML.Trials;

namespace ClassifierToolkit.AutoML.Experiments;

/// <summary>What reports read from a trial's epochs.</summary>
internal static class TrialMetrics
{
    /// <summary>The highest validation accuracy any epoch reported, or null when none did.</summary>
    public static double? BestValAccuracy(this TrialRecord trial) =>
        trial.History.Where(e => e.ValAccuracy is { } a && !double.IsNaN(a)).Max(e => e.ValAccuracy);

    /// <summary>The last epoch reached (0 before the first one ends).</summary>
    public static int EpochsReached(this TrialRecord trial) => trial.History.Count == 0 ? 0 : trial.History.Max(e => e.Epoch);

    /// <summary>Minutes from <paramref name="startUtc"/> to the trial's end, or null while it runs.</summary>
    public static double? FinishedMinutes(this TrialRecord trial, DateTime startUtc) => (trial.FinishedUtc - startUtc)?.TotalMinutes;
}
