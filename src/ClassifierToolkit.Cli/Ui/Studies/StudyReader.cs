using ClassifierToolkit.AutoML.Storage;
using ClassifierToolkit.AutoML.Trials;
using ClassifierToolkit.Cli.Ui.Catalog;

namespace ClassifierToolkit.Cli.Ui.Studies;

/// <summary>One study a request names, in its open store: read it as the page shows it, or ask its workers to stop.</summary>
internal sealed class StudyReader : IAsyncDisposable
{
    // A study between two trials has none running for a moment: a stop looks again after this before calling it finished.
    private static readonly TimeSpan BetweenTrials = TimeSpan.FromSeconds(1.5);

    private readonly IExperimentStore _store;

    private StudyReader(IExperimentStore store, string storeId, string study)
    {
        _store = store;
        StoreId = storeId;
        Study = study;
    }

    public string StoreId { get; }
    public string Study { get; }

    /// <exception cref="UiRequestException">A parameter is missing, the store is outside the root or missing, or has no such study.</exception>
    public static async Task<StudyReader> OpenAsync(UiCatalog catalog, string? storeId, string? study, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(storeId))
            throw UiRequestException.BadRequest("Name the study's store: ?store=<its experiment.db relative to the root, as the list names it, or postgres>.");
        if (string.IsNullOrWhiteSpace(study))
            throw UiRequestException.BadRequest($"Name the study: ?study=<its name in {storeId}>, as the list shows it.");
        var store = await catalog.OpenStoreAsync(storeId, cancellationToken);
        if (await store.FindStudyAsync(study, cancellationToken) is null)
        {
            var names = store is IStudyImport named ? await named.GetStudyNamesAsync(cancellationToken) : [];
            await store.DisposeAsync();
            throw UiRequestException.NotFound($"There is no study '{study}' in {storeId}" +
                (names.Count == 0 ? "." : $": its studies are {string.Join(", ", names.Select(n => $"'{n}'"))}."));
        }
        return new StudyReader(store, storeId, study);
    }

    /// <summary>The study and its trials as they stand.</summary>
    public async Task<(StudyRecord Study, IReadOnlyList<TrialRecord> Trials)> ReadAsync(CancellationToken cancellationToken)
    {
        var study = await _store.FindStudyAsync(Study, cancellationToken)
            ?? throw UiRequestException.NotFound($"The study '{Study}' is no longer in {StoreId}.");
        return (study, await _store.GetTrialsAsync(Study, cancellationToken));
    }

    public async Task<StudyView> ViewAsync(CancellationToken cancellationToken)
    {
        var (study, trials) = await ReadAsync(cancellationToken);
        return StudyView.Build(StoreId, study, trials);
    }

    /// <summary>Sets the study's stop flag, as Ctrl+C in its <c>ctk automl</c> would: its workers cancel their running trials, record
    /// them, and the search ends with its outputs written.</summary>
    /// <exception cref="UiRequestException">The study is already stopping, or is not running.</exception>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        var (study, trials) = await ReadAsync(cancellationToken);
        if (study.StopRequested)
            throw UiRequestException.Conflict($"Study '{Study}' is already stopped or stopping: its running trials end at their next check. 'ctk automl --resume' continues it.");
        if (!trials.Any(t => t.State == TrialState.Running))
        {
            await Task.Delay(BetweenTrials, cancellationToken);
            (study, trials) = await ReadAsync(cancellationToken);
            if (!trials.Any(t => t.State == TrialState.Running))
                throw UiRequestException.Conflict($"Study '{Study}' is not running (no trial is), so there is nothing to stop: it has {trials.Count} trials. 'ctk automl --resume' continues it.");
        }
        await _store.UpdateControlAsync(Study, new StudyControl(study.DeadlineUtc, study.MaxTrials, study.TargetScore, StopRequested: true), cancellationToken);
    }

    public ValueTask DisposeAsync() => _store.DisposeAsync();
}
