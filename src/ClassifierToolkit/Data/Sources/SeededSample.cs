namespace ClassifierToolkit.Data.Sources;

/// <summary>A seeded random sample: the same items every run, drawn across a list sorted by class.</summary>
internal static class SeededSample
{
    public static List<T> Of<T>(List<T> items, int count)
    {
        var shuffled = items.ToArray();
        new Random(1).Shuffle(shuffled);
        return shuffled.Take(count).ToList();
    }
}
