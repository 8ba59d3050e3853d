namespace ClassifierToolkit.AutoML.Selection;

/// <summary>
/// One model a search can export, measured on the validation split: a trial's own model, or several trials' models averaged in
/// one ONNX graph (an ensemble), either one optionally also averaged over the horizontally flipped picture (test-time augmentation).
/// </summary>
/// <param name="Name">What it is, e.g. <c>trial 7</c> or <c>ensemble of 3</c>, with <c>+ flip</c> for test-time augmentation.</param>
/// <param name="Trials">The trials whose models it averages (one for a single model).</param>
/// <param name="Weights">Each trial's weight, in the order of <paramref name="Trials"/>, summing to 1.</param>
/// <param name="Flip">Whether it averages each picture with its horizontal mirror image.</param>
/// <param name="ValidationAccuracy">Accuracy on the validation split. An ensemble's weights were chosen there, so its figure flatters it a little.</param>
/// <param name="MsPerImage">Milliseconds per image when scored in batches on this machine (preprocessed pixels, no decoding).</param>
/// <param name="Bytes">The saved model's size.</param>
public sealed record ModelChoice(string Name, IReadOnlyList<int> Trials, IReadOnlyList<double> Weights, bool Flip,
    double ValidationAccuracy, double MsPerImage, long Bytes)
{
    /// <summary>True when it averages several trials' models.</summary>
    public bool IsEnsemble => Trials.Count > 1;

    /// <summary>The trial with the largest weight (the single model's trial): the one a refit trains again.</summary>
    public int MainTrial => Trials[Weights.Select((w, i) => (w, i)).MaxBy(p => p.w).i];

    /// <summary>"#12 × 0.69, #1 × 0.23": the trials and their weights, as the console and the leaderboard print them.</summary>
    internal string MembersText() =>
        string.Join(", ", Trials.Select((t, i) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"#{t} × {Weights[i]:F2}")));
}
