using ClassifierToolkit.AutoML.Trials;
using ClassifierToolkit.Training;

namespace ClassifierToolkit.AutoML.Storage;

/// <summary>
/// The experiment's one source of truth: studies, trials, their per-epoch metrics and artefacts (the trained model).
/// Every state change is one transaction; <see cref="StartTrialAsync"/> is serialized per study, across processes and
/// machines, so two workers never start trials from the same view of the study. Timestamps come from the store's clock.
/// Implementations: in memory (tests), SQLite (one file, the default), PostgreSQL (workers on many machines); all pass
/// one contract test suite.
/// </summary>
public interface IExperimentStore : IAsyncDisposable
{
    /// <summary>Creates the study, or returns the existing one when its definition is equal.</summary>
    /// <exception cref="InvalidOperationException">A study of that name exists with a different definition; the message names what differs.</exception>
    Task<StudyRecord> CreateStudyAsync(StudyDefinition definition, StudyControl control, CancellationToken cancellationToken = default);

    /// <summary>The study named <paramref name="study"/>, or null.</summary>
    Task<StudyRecord?> FindStudyAsync(string study, CancellationToken cancellationToken = default);

    /// <summary>Replaces the study's budgets and stop flag.</summary>
    /// <exception cref="InvalidOperationException">No such study.</exception>
    Task UpdateControlAsync(string study, StudyControl control, CancellationToken cancellationToken = default);

    /// <summary>
    /// Under the study's lock: reads every trial, asks <paramref name="propose"/> for the next configuration, and when it
    /// gives one inserts it as a new <see cref="TrialState.Running"/> trial numbered one above the highest so far, with its
    /// heartbeat set to now. Returns that trial, or null when <paramref name="propose"/> returned null.
    /// When <paramref name="propose"/> throws, nothing is written and the exception propagates.
    /// </summary>
    /// <exception cref="InvalidOperationException">No such study.</exception>
    Task<TrialRecord?> StartTrialAsync(string study, string worker, Func<IReadOnlyList<TrialRecord>, TrialProposal?> propose,
        CancellationToken cancellationToken = default);

    /// <summary>Appends an epoch's metrics to a running trial and refreshes its heartbeat; an epoch number reported again replaces
    /// the earlier metrics. <see cref="TrialRecord.History"/> are ordered by epoch number.</summary>
    /// <returns>False when the trial is no longer running (e.g. marked lost meanwhile); nothing is written then.</returns>
    Task<bool> ReportEpochAsync(string study, int trial, EpochMetrics metrics, CancellationToken cancellationToken = default);

    /// <summary>Refreshes a running trial's heartbeat.</summary>
    /// <returns>False when the trial is no longer running.</returns>
    Task<bool> HeartbeatAsync(string study, int trial, CancellationToken cancellationToken = default);

    /// <summary>Moves a running trial to its final state.</summary>
    /// <returns>False when the trial was no longer running (e.g. marked lost meanwhile); nothing is written then.</returns>
    /// <exception cref="ArgumentException"><paramref name="outcome"/> has state <see cref="TrialState.Running"/>.</exception>
    Task<bool> FinishTrialAsync(string study, int trial, TrialOutcome outcome, CancellationToken cancellationToken = default);

    /// <summary>Marks every running trial whose heartbeat is older than <paramref name="heartbeatTimeout"/> as failed with reason
    /// <c>worker lost</c>; returns their numbers, ascending.</summary>
    /// <exception cref="InvalidOperationException">No such study.</exception>
    Task<IReadOnlyList<int>> MarkLostTrialsAsync(string study, TimeSpan heartbeatTimeout, CancellationToken cancellationToken = default);

    /// <summary>Every trial of the study, by number (none for an unknown study).</summary>
    Task<IReadOnlyList<TrialRecord>> GetTrialsAsync(string study, CancellationToken cancellationToken = default);

    /// <summary>Stores (or replaces) a named artefact of a trial, e.g. <c>model.zip</c>.</summary>
    /// <exception cref="InvalidOperationException">No such trial.</exception>
    Task SaveArtifactAsync(string study, int trial, string name, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default);

    /// <summary>A trial's artefact, or null when there is none.</summary>
    Task<byte[]?> LoadArtifactAsync(string study, int trial, string name, CancellationToken cancellationToken = default);
}
