namespace ClassifierToolkit.Torch.Experiments;

/// <summary>
/// Maps the option names of pipeline files ("warmup-cosine", "valAccuracy", "leaky_relu") onto the trainer's enums,
/// which spell the same words in PascalCase. The allowed names stay in one place: the core specs' lists.
/// </summary>
internal static class SpecNames
{
    /// <summary>The <typeparamref name="TEnum"/> value <paramref name="name"/> stands for.</summary>
    /// <exception cref="ArgumentException"><paramref name="name"/> is not allowed or has no enum value.</exception>
    public static TEnum Parse<TEnum>(string name, IReadOnlyList<string> allowed) where TEnum : struct, Enum
    {
        if (!allowed.Contains(name) || !Enum.TryParse<TEnum>(name.Replace("-", "").Replace("_", ""), ignoreCase: true, out var value))
            throw new ArgumentException($"'{name}' is not a known {typeof(TEnum).Name}; use one of: {string.Join(", ", allowed)}.");
        return value;
    }
}
