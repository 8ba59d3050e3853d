namespace MlNetAnchor;

/// <summary>Accuracy over every file of a test folder, the files a route could not score counted as wrong.</summary>
internal static class Accuracies
{
    /// <summary>Micro (all files) and macro (mean of per-class) accuracy; failed and skipped files are misses.</summary>
    public static (double Micro, double Macro) CountingMissesAsWrong(EngineResult result, IReadOnlyList<SkippedFile> skipped)
    {
        var perClass = result.Rows.Zip(result.Predicted)
            .Select(p => (p.First.Label, Hit: p.First.Label == p.Second))
            .Concat(skipped.Select(s => (s.Label, Hit: false)))
            .GroupBy(p => p.Label)
            .Select(g => (Files: g.Count(), Hits: g.Count(p => p.Hit)))
            .ToList();
        return ((double)perClass.Sum(c => c.Hits) / perClass.Sum(c => c.Files), perClass.Average(c => (double)c.Hits / c.Files));
    }
}
