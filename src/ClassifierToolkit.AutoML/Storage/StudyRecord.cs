namespace ClassifierToolkit.AutoML.Storage;

/// <summary>A study as the store holds it: its definition, and the controls every worker obeys.</summary>
/// <param name="Definition">What it searches and how.</param>
/// <param name="CreatedUtc">When it was created.</param>
/// <param name="DeadlineUtc">When workers stop starting trials and cancel running ones (the time budget), or null for none.</param>
/// <param name="MaxTrials">Workers start no trial beyond this many (finished or running), or null for no limit.</param>
/// <param name="TargetScore">Workers stop once a complete trial's score reaches this, or null for none.</param>
/// <param name="StopRequested">Set by whoever stops the search (Ctrl+C, the budget); workers cancel their running trial.</param>
public sealed record StudyRecord(StudyDefinition Definition, DateTime CreatedUtc, DateTime? DeadlineUtc, int? MaxTrials, double? TargetScore, bool StopRequested);
