using ClassifierToolkit.AutoML.SearchSpaces;

namespace ClassifierToolkit.AutoML.Tuners;

/// <summary>Creates tuners by the names a study definition uses.</summary>
internal static class TunerFactory
{
    /// <summary>The tuner names, in the order they are listed to users.</summary>
    public static IReadOnlyList<string> Names { get; } = ["grid", "random", "cfo", "tpe"];

    /// <summary>A fresh tuner <paramref name="name"/> over <paramref name="space"/> with default options.</summary>
    /// <param name="name"><c>grid</c>, <c>random</c>, <c>cfo</c> or <c>tpe</c> (case-insensitive).</param>
    /// <param name="space">What to search.</param>
    /// <param name="seed">Seeds the tuner (the grid ignores it).</param>
    /// <exception cref="ArgumentException">The name is not a tuner; the message lists the names.</exception>
    public static ITuner Create(string name, SearchSpace space, int seed)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(space);
        return name.Trim().ToLowerInvariant() switch
        {
            "grid" => new GridTuner(space),
            "random" => new RandomTuner(space, seed),
            "cfo" => new CfoTuner(space, seed),
            "tpe" => new TpeTuner(space, seed),
            _ => throw new ArgumentException($"Unknown tuner '{name}'. Known tuners: {string.Join(", ", Names)}.", nameof(name)),
        };
    }
}
