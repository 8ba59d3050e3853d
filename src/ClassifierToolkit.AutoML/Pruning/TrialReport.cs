using ClassifierToolkit.AutoML.Trials;

namespace ClassifierToolkit.AutoML.Pruning;

/// <summary>A running trial's progress after an epoch, with the rest of the study as the store holds it.</summary>
/// <param name="Trial">The trial, its <see cref="TrialRecord.History"/> including the epoch just finished.</param>
/// <param name="Scores">The trial's objective after each of its epochs so far (higher is better).</param>
/// <param name="Epochs">The epochs the trial would train if never stopped.</param>
/// <param name="Study">Every trial of the study (this one included), each with its per-epoch scores.</param>
internal sealed record TrialReport(TrialRecord Trial, IReadOnlyList<double> Scores, int Epochs, IReadOnlyList<ScoredTrial> Study);

/// <summary>A trial with its objective after each epoch it reported.</summary>
internal sealed record ScoredTrial(TrialRecord Trial, IReadOnlyList<double> Scores);
