namespace ClassifierToolkit.AutoML.Storage;

/// <summary>The mutable part of a study: budgets and the stop flag (see <see cref="StudyRecord"/>).</summary>
public sealed record StudyControl(DateTime? DeadlineUtc, int? MaxTrials, double? TargetScore, bool StopRequested);
