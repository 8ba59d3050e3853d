using System.Globalization;

namespace ClassifierToolkit.Cli.New;

/// <summary>
/// The start <c>--weights auto</c> passed over, tried as well when the time allows. For small grey pictures it chooses
/// scratch, which won the Fashion-MNIST searches, but a folder of small grey pictures of other things may do better on the
/// built-in ImageNet backbone; so the backbone gets <see cref="TimeShare"/> of the search after scratch has had the rest,
/// and the model with the better validation accuracy is kept. Colour and large pictures start from the backbone alone:
/// there, training from scratch lost by 20 points (benchmarks/README.md, real pictures).
/// </summary>
/// <param name="Start">The backbone.</param>
/// <param name="Input">Its input.</param>
/// <param name="FineTuneEpochs">Its first fine-tuning trial's epochs, from the measured speed.</param>
/// <param name="Time">Its search's time.</param>
internal sealed record AlternativeStart(WeightsChoice Start, InputChoice Input, int FineTuneEpochs, TimeSpan Time)
{
    /// <summary>The alternative's share of the search time.</summary>
    public const double TimeShare = 1.0 / 3;
    /// <summary>Less time than this is not worth an alternative (loading the backbone and measuring its speed take seconds).</summary>
    public static readonly TimeSpan MinTime = TimeSpan.FromSeconds(15);
    /// <summary>The share of its time that reading every image through the backbone once (head-only's features) may take.</summary>
    public const double MaxFeatureShare = 0.75;

    /// <summary>
    /// The backbone as the alternative to <paramref name="chosen"/> (the automatic choice) when it started from scratch and
    /// <see cref="TimeShare"/> of <paramref name="searchTime"/> is at least <see cref="MinTime"/>; otherwise null.
    /// </summary>
    public static WeightsChoice? Candidate(WeightsChoice chosen, TimeSpan searchTime)
    {
        if (chosen.Weights is not null || searchTime * TimeShare < MinTime) return null;
        var backbone = WeightsChoice.ImageNet("tried as well, since the time allows");
        return backbone.Pretrained is null ? null : backbone;
    }

    /// <summary>
    /// Whether head-only trials fit <paramref name="time"/>: one pass of <paramref name="images"/> through the backbone, forward
    /// only (a third of a training step's <paramref name="secondsPerImage"/>), within <see cref="MaxFeatureShare"/> of it.
    /// </summary>
    public static bool Fits(int images, double secondsPerImage, TimeSpan time, out string why)
    {
        double features = images * secondsPerImage / 3;
        bool fits = features <= time.TotalSeconds * MaxFeatureShare;
        why = string.Create(CultureInfo.InvariantCulture,
            $"reading the {images:N0} images through it once takes about {features:F0} s of its {time.TotalSeconds:F0} s");
        return fits;
    }
}
