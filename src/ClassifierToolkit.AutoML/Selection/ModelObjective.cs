using System.Globalization;

namespace ClassifierToolkit.AutoML.Selection;

/// <summary>
/// How a search picks the model it exports among its <see cref="ModelChoice"/>s: the most accurate on validation, or the most
/// accurate whose time per image is within a limit (<c>--objective accuracy</c> or <c>latency:&lt;ms&gt;</c>).
/// </summary>
/// <param name="MaxMsPerImage">The latency limit in milliseconds per image (batched, on this machine), or null for the most accurate.</param>
public sealed record ModelObjective(double? MaxMsPerImage)
{
    /// <summary>The most accurate model, whatever its cost.</summary>
    public static ModelObjective Accuracy { get; } = new((double?)null);

    /// <summary>Parses <c>accuracy</c> or <c>latency:&lt;ms&gt;</c> (e.g. <c>latency:2.5</c>).</summary>
    /// <exception cref="FormatException">Neither form, or a limit that is not a positive number; says what is expected.</exception>
    public static ModelObjective Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        if (trimmed.Equals("accuracy", StringComparison.OrdinalIgnoreCase)) return Accuracy;
        const string prefix = "latency:";
        if (trimmed.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)
            && double.TryParse(trimmed[prefix.Length..].Trim().TrimEnd('s').TrimEnd('m'), NumberStyles.Float, CultureInfo.InvariantCulture, out var ms)
            && ms > 0 && double.IsFinite(ms))
            return new ModelObjective(ms);
        throw new FormatException($"'{text}' is not an objective: use 'accuracy' (the most accurate model) or 'latency:<ms>' (the most accurate within that many milliseconds per image, e.g. latency:2).");
    }

    /// <summary>The choice this objective picks: the most accurate within the limit (the faster on a tie); when none is within it, the fastest.</summary>
    public ModelChoice Pick(IReadOnlyList<ModelChoice> choices) => Pick(choices, validationImages: null);

    /// <summary>
    /// The choice this objective picks when the accuracies were measured on <paramref name="validationImages"/> images: the fastest
    /// within one standard error of the most accurate within the limit (the one-standard-error rule), since a difference smaller
    /// than the measurement's own noise does not earn an ensemble's or a flip's cost. An ensemble's weights are chosen on the same
    /// images, which flatters it further: on Fashion-MNIST and on the clip-art benchmark, ensembles 0.2–0.8 points ahead on validation
    /// were 0.0–0.1 ahead on test.
    /// When none is within the limit, the fastest. Null images: the most accurate (the faster on a tie).
    /// </summary>
    public ModelChoice Pick(IReadOnlyList<ModelChoice> choices, int? validationImages)
    {
        if (choices.Count == 0) throw new ArgumentException("No models to choose from.", nameof(choices));
        if (validationImages is < 1) throw new ArgumentOutOfRangeException(nameof(validationImages), validationImages, "Accuracies need at least one validation image.");
        var within = choices.Where(Allows).ToList();
        if (within.Count == 0) return choices.MinBy(c => c.MsPerImage)!;
        var best = within.OrderByDescending(c => c.ValidationAccuracy).ThenBy(c => c.MsPerImage).First();
        if (validationImages is not { } n) return best;
        double p = best.ValidationAccuracy;
        double bar = p - Math.Sqrt(p * (1 - p) / n);
        return within.Where(c => c.ValidationAccuracy >= bar).OrderBy(c => c.MsPerImage).ThenByDescending(c => c.ValidationAccuracy).First();
    }

    /// <summary>True when <paramref name="choice"/> is within the latency limit (always without one).</summary>
    public bool Allows(ModelChoice choice) => MaxMsPerImage is not { } limit || choice.MsPerImage <= limit;

    /// <inheritdoc />
    public override string ToString() => MaxMsPerImage is { } limit ? string.Create(CultureInfo.InvariantCulture, $"latency:{limit:G}") : "accuracy";
}
