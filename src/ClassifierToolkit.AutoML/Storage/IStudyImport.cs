using ClassifierToolkit.AutoML.Trials;

namespace ClassifierToolkit.AutoML.Storage;

/// <summary>
/// What warm starting a study needs from a store beyond <see cref="IExperimentStore"/>: the studies it holds, and taking in finished
/// trials of another study (with their models) in one step. Every store implements it; it stays internal so the public store
/// contract does not grow.
/// </summary>
internal interface IStudyImport
{
    /// <summary>The names of every study in the store, ordered.</summary>
    Task<IReadOnlyList<string>> GetStudyNamesAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// In one transaction, under the study's lock, and only when the study has no trial yet: inserts <paramref name="trials"/> as
    /// trials numbered from 1 in the given order, keeping their state, parameters, history, score, times, worker, failure reason and
    /// source, and stores their artefacts. Returns the inserted trials; none when the study already had trials (a study is seeded once).
    /// </summary>
    /// <exception cref="InvalidOperationException">No such study.</exception>
    /// <exception cref="ArgumentException">A trial is still running.</exception>
    Task<IReadOnlyList<TrialRecord>> ImportTrialsAsync(string study, IReadOnlyList<ImportedTrial> trials, CancellationToken cancellationToken = default);
}
