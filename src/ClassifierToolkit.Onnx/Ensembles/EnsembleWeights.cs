namespace ClassifierToolkit.Onnx.Ensembles;

/// <summary>The members' weights as given on the command line or by a caller, checked and normalized to sum to 1.</summary>
internal static class EnsembleWeights
{
    /// <summary>One weight per member, normalized; null gives every member the same weight.</summary>
    /// <exception cref="ArgumentException">A count other than one per member, a negative or non-finite weight, or all zero;
    /// names the member.</exception>
    public static double[] Normalize(IReadOnlyList<double>? weights, IReadOnlyList<string> members)
    {
        if (weights is null) return [.. members.Select(_ => 1.0 / members.Count)];
        if (weights.Count != members.Count)
            throw new ArgumentException($"{weights.Count} weights for {members.Count} members ({string.Join(", ", members.Select(m => $"'{m}'"))}); " +
                "give one weight per member, in the same order.", nameof(weights));
        for (int k = 0; k < weights.Count; k++)
            if (!double.IsFinite(weights[k]) || weights[k] < 0)
                throw new ArgumentException($"The weight of '{members[k]}' is {weights[k]}; weights must be 0 or more (they are normalized to sum to 1).", nameof(weights));
        double total = weights.Sum();
        if (total <= 0)
            throw new ArgumentException($"Every weight is 0; give at least one member a positive weight (members: {string.Join(", ", members.Select(m => $"'{m}'"))}).", nameof(weights));
        return [.. weights.Select(w => w / total)];
    }
}
