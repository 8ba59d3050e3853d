using System.Runtime.InteropServices;
using ClassifierToolkit.Prediction;

namespace Scoring;

/// <summary>One image's prediction, whichever path made it, so the paths' answers can be compared.</summary>
internal sealed record ScoredImage(string Label, float[] Scores)
{
    public static ScoredImage From(ClassifierPrediction prediction) => new(prediction.PredictedLabel, prediction.Scores);

    public static ScoredImage From(ImagePrediction prediction) => new(prediction.PredictedLabel, prediction.Score);

    /// <summary>Same label and bit-identical scores (not merely equal floats: -0 and +0, or two NaNs, would pass that).</summary>
    public bool IsIdenticalTo(ScoredImage other) =>
        Label == other.Label && MemoryMarshal.AsBytes(Scores.AsSpan()).SequenceEqual(MemoryMarshal.AsBytes(other.Scores.AsSpan()));

    public double MaxAbsDifference(ScoredImage other) =>
        Scores.Length != other.Scores.Length ? double.PositiveInfinity
            : Scores.Zip(other.Scores, (a, b) => Math.Abs((double)a - b)).DefaultIfEmpty(0).Max();
}
