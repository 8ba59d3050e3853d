namespace ClassifierToolkit.Data;

/// <summary>Train and validation index lists.</summary>
internal sealed record SplitIndices(IReadOnlyList<int> Train, IReadOnlyList<int> Validation);

/// <summary>Deterministic, seeded train/validation splits.</summary>
internal static class DataSplit
{
    /// <summary>Shuffles 0..count-1 with <paramref name="seed"/> and cuts off <paramref name="validationFraction"/>.</summary>
    public static SplitIndices Split(int count, double validationFraction, int seed)
    {
        if (validationFraction is < 0 or >= 1)
            throw new ArgumentOutOfRangeException(nameof(validationFraction), validationFraction, "The validation fraction must be in [0, 1).");
        var order = Enumerable.Range(0, count).ToArray();
        new Random(seed).Shuffle(order);
        int validationCount = (int)Math.Round(count * validationFraction);
        return new SplitIndices(order[validationCount..], order[..validationCount]);
    }
}
