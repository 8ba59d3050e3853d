namespace ClassifierToolkit.Weights;

/// <summary>
/// One tensor read from a weights file: its shape and its values as float32 (whatever the stored dtype), row-major.
/// Equality compares the shape and the values, not the array references.
/// </summary>
/// <param name="Shape">The dimensions; empty for a scalar.</param>
/// <param name="Values">The values in row-major order; as many as the dimensions' product.</param>
public sealed record WeightTensor(long[] Shape, float[] Values)
{
    /// <summary>The dimensions; empty for a scalar.</summary>
    public long[] Shape { get; } = Shape ?? throw new ArgumentNullException(nameof(Shape));

    /// <summary>The values in row-major order.</summary>
    public float[] Values { get; } = Values ?? throw new ArgumentNullException(nameof(Values));

    /// <summary>How many values the shape holds (the product of <see cref="Shape"/>; 1 for a scalar).</summary>
    public long ElementCount { get; } = CheckedElementCount(Shape, Values);

    /// <inheritdoc />
    public bool Equals(WeightTensor? other) =>
        other is not null && Shape.AsSpan().SequenceEqual(other.Shape) && Values.AsSpan().SequenceEqual(other.Values);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        // Shape and count only: hashing millions of weights would cost more than the comparisons it saves.
        var hash = new HashCode();
        foreach (var dim in Shape) hash.Add(dim);
        hash.Add(Values.Length);
        return hash.ToHashCode();
    }

    /// <inheritdoc />
    public override string ToString() => $"[{string.Join(", ", Shape)}] ({Values.Length:N0} values)";

    private static long CheckedElementCount(long[]? shape, float[]? values)
    {
        // The property initializers above have already rejected nulls; these guards only satisfy the compiler's flow analysis.
        if (shape is null || values is null) return 0;
        long count = 1;
        foreach (var dim in shape)
        {
            if (dim < 0)
                throw new ArgumentException($"A tensor shape cannot have a negative dimension; got [{string.Join(", ", shape)}].", nameof(Shape));
            count = dim == 0 || count <= long.MaxValue / dim ? count * dim
                : throw new ArgumentException($"The shape [{string.Join(", ", shape)}] holds more values than a tensor can.", nameof(Shape));
        }
        if (count != values.Length)
            throw new ArgumentException($"The shape [{string.Join(", ", shape)}] holds {count:N0} values, but {values.Length:N0} were given.", nameof(Values));
        return count;
    }
}
