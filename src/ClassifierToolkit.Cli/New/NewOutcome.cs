using System.Globalization;
using ClassifierToolkit.AutoML.Experiments;

namespace ClassifierToolkit.Cli.New;

/// <summary>One search of a <c>ctk new</c> run: where training started, the input and what the search found (a model).</summary>
internal sealed record NewAttempt(WeightsChoice Start, InputChoice Input, ExperimentResult Result)
{
    /// <summary>The best trial's validation accuracy (the search's objective).</summary>
    public double ValidationAccuracy => Result.Best?.Score ?? double.NegativeInfinity;

    /// <summary>How it started, in a few words.</summary>
    public string StartName => Start.Weights is null ? "from scratch" : "on the ImageNet backbone";
}

/// <summary>
/// The model a <c>ctk new</c> run keeps: the main search's, or the alternative start's (<see cref="AlternativeStart"/>) when
/// its validation accuracy is higher. The test folder plays no part in the choice: it would no longer be a fair test.
/// </summary>
/// <param name="Kept">The search whose model is kept.</param>
/// <param name="Other">The other search, or null when only one ran.</param>
internal sealed record NewOutcome(NewAttempt Kept, NewAttempt? Other)
{
    /// <summary>The better of <paramref name="main"/> and <paramref name="alternative"/>; a tie keeps the main one.</summary>
    public static NewOutcome Of(NewAttempt main, NewAttempt? alternative) =>
        alternative is not null && alternative.ValidationAccuracy > main.ValidationAccuracy ? new(alternative, main) : new(main, alternative);

    /// <summary>Which was kept and why, or null when only one search ran.</summary>
    public string? Comparison => Other is null ? null : string.Create(CultureInfo.InvariantCulture,
        $"the model trained {Kept.StartName} (validation accuracy {Kept.ValidationAccuracy:F4}) over the one trained {Other.StartName} ({Other.ValidationAccuracy:F4})");
}
