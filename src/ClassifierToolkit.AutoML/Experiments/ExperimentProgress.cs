using ClassifierToolkit.AutoML.Trials;

namespace ClassifierToolkit.AutoML.Experiments;

/// <summary>A snapshot of a running search, reported whenever a trial starts, reports an epoch or ends.</summary>
/// <param name="Study">The study's name.</param>
/// <param name="Trials">Every trial, by number.</param>
/// <param name="Elapsed">Time since this run of the search started.</param>
/// <param name="Objective">The metric trials are ranked by.</param>
public sealed record ExperimentProgress(string Study, IReadOnlyList<TrialRecord> Trials, TimeSpan Elapsed, string Objective);
