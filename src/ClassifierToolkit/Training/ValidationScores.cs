namespace ClassifierToolkit.Training;

/// <summary>
/// Saved models scored on a pipeline's validation split (the images trials are ranked on), for choosing among them after a
/// search: which to keep, which to average and with what weights.
/// </summary>
/// <param name="ClassNames">The classes, in the order of every probability row.</param>
/// <param name="Labels">Each validation image's true class, as an index into <paramref name="ClassNames"/>.</param>
/// <param name="Probabilities">Per model: its probabilities, one row of <c>ClassNames.Count</c> values per image, row after row.</param>
/// <param name="MsPerImage">Per model: milliseconds per image when scored in batches on this machine (preprocessed pixels, no decoding).</param>
public sealed record ValidationScores(IReadOnlyList<string> ClassNames, IReadOnlyList<int> Labels, IReadOnlyList<float[]> Probabilities,
    IReadOnlyList<double> MsPerImage);
