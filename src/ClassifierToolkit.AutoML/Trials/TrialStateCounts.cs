namespace ClassifierToolkit.AutoML.Trials;

/// <summary>How many trials are in each state, as the console and reports say it.</summary>
internal static class TrialStateCounts
{
    /// <summary>"1 running, 3 complete, 12 pruned, 0 failed, 1 cancelled", and "2 lost" when a worker was lost.</summary>
    public static string Describe(IEnumerable<TrialRecord> trials)
    {
        var states = trials.Select(t => t.State).ToList();
        return string.Join(", ", Enum.GetValues<TrialState>().Where(state => state != TrialState.Lost || states.Contains(TrialState.Lost))
            .Select(state => $"{states.Count(s => s == state)} {state.ToString().ToLowerInvariant()}"));
    }
}
