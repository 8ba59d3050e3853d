using ClassifierToolkit.AutoML.Trials;
using ClassifierToolkit.Training;

namespace ClassifierToolkit.AutoML.Storage;

/// <summary>
/// An <see cref="IExperimentStore"/> held in this process's memory: for tests, and for C# callers that need no file.
/// Thread-safe: one lock guards everything, and <see cref="StartTrialAsync"/> calls its proposer under that lock.
/// Nothing survives the instance; two instances share nothing.
/// </summary>
internal sealed class InMemoryExperimentStore : IExperimentStore, IStudyImport
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, StudyEntry> _studies = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public Task<StudyRecord> CreateStudyAsync(StudyDefinition definition, StudyControl control, CancellationToken cancellationToken = default)
    {
        StoreContract.ValidateDefinition(definition, nameof(definition));
        ArgumentNullException.ThrowIfNull(control);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (_studies.TryGetValue(definition.Name, out var existing))
            {
                StoreContract.EnsureSameDefinition(existing.Record.Definition, definition);
                return Task.FromResult(existing.Record);
            }
            var created = new StudyEntry(WithControl(new StudyRecord(definition, DateTime.UtcNow, null, null, null, false), control));
            _studies.Add(definition.Name, created);
            return Task.FromResult(created.Record);
        }
    }

    /// <inheritdoc />
    public Task<StudyRecord?> FindStudyAsync(string study, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate) return Task.FromResult(_studies.TryGetValue(study, out var state) ? state.Record : null);
    }

    /// <inheritdoc />
    public Task UpdateControlAsync(string study, StudyControl control, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(control);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var state = Study(study);
            state.Record = WithControl(state.Record, control);
        }
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<TrialRecord?> StartTrialAsync(string study, string worker, Func<IReadOnlyList<TrialRecord>, TrialProposal?> propose,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(worker);
        ArgumentNullException.ThrowIfNull(propose);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var state = Study(study);
            var proposal = propose(state.Snapshot());
            if (proposal is null) return Task.FromResult<TrialRecord?>(null);
            var now = DateTime.UtcNow;
            var trial = StoreContract.NewTrial(state.Trials.Count + 1, proposal, worker, now);
            state.Trials.Add(new TrialEntry(trial, now));
            return Task.FromResult<TrialRecord?>(trial);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> GetStudyNamesAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate) return Task.FromResult<IReadOnlyList<string>>([.. _studies.Keys.Order(StringComparer.Ordinal)]);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<TrialRecord>> ImportTrialsAsync(string study, IReadOnlyList<ImportedTrial> trials, CancellationToken cancellationToken = default)
    {
        StoreContract.ValidateImport(trials, nameof(trials));
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var state = Study(study);
            if (state.Trials.Count > 0) return Task.FromResult<IReadOnlyList<TrialRecord>>([]);
            var imported = StoreContract.Renumber(trials);
            foreach (var (trial, artifacts) in imported.Zip(trials.Select(t => t.Artifacts)))
            {
                state.Trials.Add(new TrialEntry(trial, trial.FinishedUtc!.Value));
                foreach (var (name, bytes) in artifacts) state.Artifacts[new ArtifactKey(trial.Number, name)] = [.. bytes];
            }
            return Task.FromResult(imported);
        }
    }

    /// <inheritdoc />
    public Task<bool> ReportEpochAsync(string study, int trial, EpochMetrics metrics, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        return UpdateRunning(study, trial, running =>
        {
            var epochs = running.Record.History.Where(e => e.Epoch != metrics.Epoch).Append(metrics).OrderBy(e => e.Epoch).ToArray();
            running.Record = running.Record with { History = epochs };
            running.Heartbeat = DateTime.UtcNow;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> HeartbeatAsync(string study, int trial, CancellationToken cancellationToken = default) =>
        UpdateRunning(study, trial, running => running.Heartbeat = DateTime.UtcNow, cancellationToken);

    /// <inheritdoc />
    public Task<bool> FinishTrialAsync(string study, int trial, TrialOutcome outcome, CancellationToken cancellationToken = default)
    {
        StoreContract.ValidateOutcome(outcome, nameof(outcome));
        return UpdateRunning(study, trial, running => running.Finish(outcome, DateTime.UtcNow), cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<int>> MarkLostTrialsAsync(string study, TimeSpan heartbeatTimeout, CancellationToken cancellationToken = default)
    {
        StoreContract.ValidateHeartbeatTimeout(heartbeatTimeout, nameof(heartbeatTimeout));
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var now = DateTime.UtcNow;
            var lost = Study(study).Trials.Where(t => t.Record.State == TrialState.Running && t.Heartbeat < now - heartbeatTimeout).ToList();
            foreach (var trial in lost) trial.Finish(StoreContract.Lost, now);
            return Task.FromResult<IReadOnlyList<int>>(lost.Select(t => t.Record.Number).ToArray());
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<TrialRecord>> GetTrialsAsync(string study, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate) return Task.FromResult(_studies.TryGetValue(study, out var state) ? state.Snapshot() : []);
    }

    /// <inheritdoc />
    public Task SaveArtifactAsync(string study, int trial, string name, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var state = Study(study);
            if (trial < 1 || trial > state.Trials.Count) throw StoreContract.NoSuchTrial(study, trial);
            state.Artifacts[new ArtifactKey(trial, name)] = content.ToArray();
        }
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<byte[]?> LoadArtifactAsync(string study, int trial, string name, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var found = _studies.TryGetValue(study, out var state) && state.Artifacts.TryGetValue(new ArtifactKey(trial, name), out var bytes) ? bytes : null;
            return Task.FromResult(found?.ToArray());
        }
    }

    /// <summary>Nothing to release.</summary>
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static StudyRecord WithControl(StudyRecord record, StudyControl control) => record with
    {
        DeadlineUtc = StoreContract.AsUtc(control.DeadlineUtc),
        MaxTrials = control.MaxTrials,
        TargetScore = control.TargetScore,
        StopRequested = control.StopRequested,
    };

    private StudyEntry Study(string study) => _studies.TryGetValue(study, out var state) ? state : throw StoreContract.NoSuchStudy(study);

    private Task<bool> UpdateRunning(string study, int trial, Action<TrialEntry> update, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var running = _studies.TryGetValue(study, out var state) && trial >= 1 && trial <= state.Trials.Count ? state.Trials[trial - 1] : null;
            if (running?.Record.State != TrialState.Running) return Task.FromResult(false);
            update(running);
            return Task.FromResult(true);
        }
    }

    private sealed class StudyEntry(StudyRecord record)
    {
        public StudyRecord Record { get; set; } = record;
        public List<TrialEntry> Trials { get; } = [];
        public Dictionary<ArtifactKey, byte[]> Artifacts { get; } = [];
        public IReadOnlyList<TrialRecord> Snapshot() => Trials.Select(t => t.Record).ToArray();
    }

    private sealed class TrialEntry(TrialRecord record, DateTime heartbeat)
    {
        public TrialRecord Record { get; set; } = record;
        public DateTime Heartbeat { get; set; } = heartbeat;

        public void Finish(TrialOutcome outcome, DateTime now) =>
            Record = Record with { State = outcome.State, Score = outcome.Score, FailureReason = outcome.FailureReason, FinishedUtc = now };
    }

    private readonly record struct ArtifactKey(int Trial, string Name);
}
