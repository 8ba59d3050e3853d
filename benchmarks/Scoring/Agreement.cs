namespace Scoring;

/// <summary>How far two paths' predictions of the same images agree.</summary>
internal sealed record Agreement(int Compared, int SameLabels, double MaxAbsScoreDifference)
{
    /// <exception cref="InvalidOperationException">The paths returned different numbers of predictions.</exception>
    public static Agreement Of(IReadOnlyList<ScoredImage> first, IReadOnlyList<ScoredImage> second)
    {
        if (first.Count != second.Count)
            throw new InvalidOperationException($"The two paths returned {first.Count} and {second.Count} predictions for the same images.");
        return new Agreement(first.Count, first.Zip(second).Count(p => p.First.Label == p.Second.Label),
            first.Zip(second, (a, b) => a.MaxAbsDifference(b)).DefaultIfEmpty(0).Max());
    }

    public bool AllLabelsAgree => SameLabels == Compared;

    public override string ToString() => $"{SameLabels}/{Compared} labels, max |score diff| {MaxAbsScoreDifference:G3}";
}
