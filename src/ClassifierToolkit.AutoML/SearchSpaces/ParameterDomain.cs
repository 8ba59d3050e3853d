using ClassifierToolkit.AutoML.Trials;

namespace ClassifierToolkit.AutoML.SearchSpaces;

/// <summary>The values one search parameter can take.</summary>
internal abstract record ParameterDomain
{
    /// <summary>Checks the domain itself (non-empty range, positive bounds for log scales, ...).</summary>
    /// <exception cref="ArgumentException">The domain is empty or malformed; the message says why.</exception>
    public abstract void Validate();

    /// <summary>The values a loader check should try: the ends of a range, every choice.</summary>
    public abstract IReadOnlyList<ParameterValue> Representatives();
}

/// <summary>A real number drawn uniformly from [<paramref name="Low"/>, <paramref name="High"/>].</summary>
internal sealed record UniformDomain(double Low, double High) : ParameterDomain
{
    /// <inheritdoc />
    public override void Validate()
    {
        if (!double.IsFinite(Low) || !double.IsFinite(High) || !(Low < High))
            throw new ArgumentException($"the range [{Low}, {High}] is empty; 'uniform' needs low < high.");
    }

    /// <inheritdoc />
    public override IReadOnlyList<ParameterValue> Representatives() => [ParameterValue.Of(Low), ParameterValue.Of(High)];
}

/// <summary>A positive real number whose logarithm is uniform on [log <paramref name="Low"/>, log <paramref name="High"/>].</summary>
internal sealed record LogUniformDomain(double Low, double High) : ParameterDomain
{
    /// <inheritdoc />
    public override void Validate()
    {
        if (!double.IsFinite(Low) || !double.IsFinite(High) || !(Low < High))
            throw new ArgumentException($"the range [{Low}, {High}] is empty; 'logUniform' needs low < high.");
        if (!(Low > 0)) throw new ArgumentException($"'logUniform' needs a positive lower bound; got {Low}.");
    }

    /// <inheritdoc />
    public override IReadOnlyList<ParameterValue> Representatives() => [ParameterValue.Of(Low), ParameterValue.Of(High)];
}

/// <summary>A whole number in [<paramref name="Low"/>, <paramref name="High"/>] on a grid of <paramref name="Step"/>, optionally log-scaled.</summary>
internal sealed record IntegerDomain(int Low, int High, int Step = 1, bool Log = false) : ParameterDomain
{
    /// <summary>Every allowed value, in order.</summary>
    public IReadOnlyList<int> Values() => Enumerable.Range(0, (High - Low) / Step + 1).Select(i => Low + i * Step).ToList();

    /// <inheritdoc />
    public override void Validate()
    {
        if (Step < 1) throw new ArgumentException($"'step' must be at least 1; got {Step}.");
        if (Low > High) throw new ArgumentException($"the range [{Low}, {High}] is empty; 'int' needs low <= high.");
        if (Log && Low < 1) throw new ArgumentException($"a log-scaled 'int' needs a lower bound of at least 1; got {Low}.");
    }

    /// <inheritdoc />
    public override IReadOnlyList<ParameterValue> Representatives() => [ParameterValue.Of(Low), ParameterValue.Of(Values()[^1])];
}

/// <summary>One of a list of values (strings, numbers or booleans), without order.</summary>
internal sealed record ChoiceDomain(IReadOnlyList<ParameterValue> Choices) : ParameterDomain
{
    /// <inheritdoc />
    public override void Validate()
    {
        if (Choices.Count == 0) throw new ArgumentException("'choice' needs at least one value.");
        if (Choices.Distinct().Count() != Choices.Count) throw new ArgumentException("'choice' lists a value twice.");
    }

    /// <inheritdoc />
    public override IReadOnlyList<ParameterValue> Representatives() => Choices;
}
