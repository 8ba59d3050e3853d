using System.Data.Common;
using ClassifierToolkit.AutoML.Trials;
using ClassifierToolkit.Training;

namespace ClassifierToolkit.AutoML.Storage;

/// <summary>
/// The SQL implementation of <see cref="IExperimentStore"/> that <see cref="SqliteExperimentStore"/> and
/// <see cref="PostgresExperimentStore"/> share: one schema, one set of statements, every state change in one transaction.
/// Each database supplies its connections, its write transaction, its clock and its column types.
/// Open a store with <see cref="ExperimentStores.OpenAsync"/> or the backend's own <c>OpenAsync</c>.
/// </summary>
internal abstract class SqlExperimentStore : IExperimentStore, IStudyImport
{
    /// <summary>The schema version this code writes and reads; a store written by a newer version is refused.</summary>
    internal const int SchemaVersion = 2;

    private const string TrialColumns = "t.number, t.parameters, t.state, t.score, t.worker, t.started, t.finished, t.failure_reason, t.retry_of, t.source";

    private protected SqlExperimentStore()
    {
    }

    /// <summary>Names the storage in error messages (never with a password).</summary>
    internal abstract string Description { get; }

    /// <summary>The column types of the schema in this database's dialect.</summary>
    internal abstract SqlColumnTypes Types { get; }

    /// <summary>A SQL expression for the store's clock (UTC), evaluated by the database.</summary>
    internal abstract string Now { get; }

    /// <summary>Appended to the query of a study row to lock it for the rest of the transaction ("" where the write transaction
    /// already excludes every other writer).</summary>
    internal abstract string LockRowSuffix { get; }

    /// <summary>A statement run first in the schema transaction, so two processes opening a fresh database do not race, or null.</summary>
    internal abstract string? SchemaLock { get; }

    /// <summary>A condition true when a trial's heartbeat is older than the age bound to <paramref name="ageParameter"/>, by the store's clock.</summary>
    internal abstract string HeartbeatOlderThan(string ageParameter);

    /// <summary>The value to bind for <see cref="HeartbeatOlderThan"/>.</summary>
    internal abstract object AgeValue(TimeSpan age);

    /// <summary>A UTC time as this database stores it.</summary>
    internal abstract object TimestampValue(DateTime utc);

    /// <summary>A stored time, as <see cref="DateTimeKind.Utc"/>.</summary>
    internal abstract DateTime ReadTimestamp(DbDataReader reader, int ordinal);

    /// <summary>An open connection, configured for this store.</summary>
    internal abstract ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken);

    /// <summary>A transaction that may write; on SQLite it takes the database's write lock at once.</summary>
    internal abstract ValueTask<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>Releases the store's connections.</summary>
    public abstract ValueTask DisposeAsync();

    /// <summary>Creates the tables when missing and checks the schema version, in one transaction.</summary>
    internal Task InitializeSchemaAsync(CancellationToken cancellationToken) => WriteAsync(async (connection, transaction) =>
    {
        if (SchemaLock is not null) await ExecuteAsync(connection, transaction, SchemaLock, cancellationToken);
        await ExecuteAsync(connection, transaction, SqlSchema.Create(Types), cancellationToken);
        var found = await ScalarAsync(connection, transaction, "SELECT MAX(version) FROM schema_version", cancellationToken);
        if (found is null or DBNull)
        {
            await ExecuteAsync(connection, transaction, "INSERT INTO schema_version (version) VALUES (@version)", cancellationToken, ("@version", SchemaVersion));
            return;
        }
        var version = Convert.ToInt32(found, System.Globalization.CultureInfo.InvariantCulture);
        if (version > SchemaVersion)
        {
            throw new InvalidOperationException($"{Description} holds schema version {version}, written by a newer ClassifierToolkit; this version reads "
                + $"schema version {SchemaVersion}. Upgrade ClassifierToolkit, or use another storage.");
        }
        if (version == SchemaVersion) return;
        foreach (var statement in SqlSchema.Migrate(version)) await ExecuteAsync(connection, transaction, statement, cancellationToken);
        await ExecuteAsync(connection, transaction, "UPDATE schema_version SET version = @version", cancellationToken, ("@version", SchemaVersion));
    }, cancellationToken);

    /// <inheritdoc />
    public async Task<StudyRecord> CreateStudyAsync(StudyDefinition definition, StudyControl control, CancellationToken cancellationToken = default)
    {
        StoreContract.ValidateDefinition(definition, nameof(definition));
        ArgumentNullException.ThrowIfNull(control);
        var stored = await WriteAsync(async (connection, transaction) =>
        {
            await ExecuteAsync(connection, transaction,
                "INSERT INTO studies (name, pipeline_json, tuner, pruner, seed, objective, created, deadline, max_trials, target_score, stop_requested, starting_points) "
                + $"VALUES (@name, @pipeline, @tuner, @pruner, @seed, @objective, {Now}, @deadline, @maxTrials, @targetScore, @stop, @startingPoints) ON CONFLICT (name) DO NOTHING",
                cancellationToken, [("@name", definition.Name), ("@pipeline", definition.PipelineJson), ("@tuner", definition.Tuner),
                ("@pruner", definition.Pruner), ("@seed", definition.Seed), ("@objective", definition.Objective), ("@startingPoints", definition.StartingPoints),
                .. ControlParameters(control)]);
            return await ReadStudyAsync(connection, transaction, definition.Name, cancellationToken);
        }, cancellationToken);
        StoreContract.EnsureSameDefinition(stored!.Definition, definition);
        return stored;
    }

    /// <inheritdoc />
    public async Task<StudyRecord?> FindStudyAsync(string study, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        return await ReadStudyAsync(connection, null, study, cancellationToken);
    }

    /// <inheritdoc />
    public Task UpdateControlAsync(string study, StudyControl control, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(control);
        return WriteAsync(async (connection, transaction) =>
        {
            var updated = await ExecuteAsync(connection, transaction,
                "UPDATE studies SET deadline = @deadline, max_trials = @maxTrials, target_score = @targetScore, stop_requested = @stop WHERE name = @name",
                cancellationToken, [("@name", study), .. ControlParameters(control)]);
            if (updated != 1) throw StoreContract.NoSuchStudy(study);
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<TrialRecord?> StartTrialAsync(string study, string worker, Func<IReadOnlyList<TrialRecord>, TrialProposal?> propose,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(worker);
        ArgumentNullException.ThrowIfNull(propose);
        return WriteAsync(async (connection, transaction) =>
        {
            await LockStudyAsync(connection, transaction, study, cancellationToken);
            var trials = await ReadTrialsAsync(connection, transaction, study, cancellationToken);
            var proposal = propose(trials);
            if (proposal is null) return null;
            var number = trials.Count == 0 ? 1 : trials[^1].Number + 1;
            await using var insert = Command(connection, transaction,
                "INSERT INTO trials (study, number, parameters, state, worker, started, heartbeat, retry_of, source) "
                + $"VALUES (@study, @number, @parameters, @state, @worker, {Now}, {Now}, @retryOf, @source) RETURNING started",
                ("@study", study), ("@number", number), ("@parameters", proposal.Parameters.ToJson()), ("@state", StoreContract.StateName(TrialState.Running)),
                ("@worker", worker), ("@retryOf", proposal.RetryOf), ("@source", proposal.Source));
            await using var reader = await insert.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            var started = ReadTimestamp(reader, 0);
            return StoreContract.NewTrial(number, proposal, worker, started);
        }, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> GetStudyNamesAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, null, "SELECT name FROM studies ORDER BY name");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var names = new List<string>();
        while (await reader.ReadAsync(cancellationToken)) names.Add(reader.GetString(0));
        return names;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<TrialRecord>> ImportTrialsAsync(string study, IReadOnlyList<ImportedTrial> trials, CancellationToken cancellationToken = default)
    {
        StoreContract.ValidateImport(trials, nameof(trials));
        return WriteAsync<IReadOnlyList<TrialRecord>>(async (connection, transaction) =>
        {
            await LockStudyAsync(connection, transaction, study, cancellationToken);
            if (await ScalarAsync(connection, transaction, "SELECT 1 FROM trials WHERE study = @study", cancellationToken, ("@study", study)) is not null) return [];
            var imported = StoreContract.Renumber(trials);
            foreach (var (trial, artifacts) in imported.Zip(trials.Select(t => t.Artifacts)))
            {
                await ExecuteAsync(connection, transaction,
                    "INSERT INTO trials (study, number, parameters, state, score, worker, started, finished, heartbeat, failure_reason, retry_of, source) "
                    + "VALUES (@study, @number, @parameters, @state, @score, @worker, @started, @finished, @finished, @reason, @retryOf, @source)",
                    cancellationToken, ("@study", study), ("@number", trial.Number), ("@parameters", trial.Parameters.ToJson()),
                    ("@state", StoreContract.StateName(trial.State)), ("@score", trial.Score), ("@worker", trial.Worker), ("@started", TimestampValue(trial.StartedUtc)),
                    ("@finished", TimestampValue(trial.FinishedUtc!.Value)), ("@reason", trial.FailureReason), ("@retryOf", trial.RetryOf), ("@source", trial.Source));
                foreach (var epoch in trial.History)
                    await ExecuteAsync(connection, transaction, "INSERT INTO epochs (study, trial, epoch, metrics) VALUES (@study, @trial, @epoch, @metrics)",
                        cancellationToken, ("@study", study), ("@trial", trial.Number), ("@epoch", epoch.Epoch), ("@metrics", EpochMetricsJson.Write(epoch)));
                foreach (var (name, bytes) in artifacts)
                    await ExecuteAsync(connection, transaction, "INSERT INTO artifacts (study, trial, name, bytes) VALUES (@study, @trial, @name, @bytes)",
                        cancellationToken, ("@study", study), ("@trial", trial.Number), ("@name", name), ("@bytes", bytes));
            }
            return imported;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> ReportEpochAsync(string study, int trial, EpochMetrics metrics, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        return WriteAsync(async (connection, transaction) =>
        {
            if (!await TouchRunningAsync(connection, transaction, study, trial, cancellationToken)) return false;
            await ExecuteAsync(connection, transaction,
                "INSERT INTO epochs (study, trial, epoch, metrics) VALUES (@study, @trial, @epoch, @metrics) "
                + "ON CONFLICT (study, trial, epoch) DO UPDATE SET metrics = excluded.metrics",
                cancellationToken, ("@study", study), ("@trial", trial), ("@epoch", metrics.Epoch), ("@metrics", EpochMetricsJson.Write(metrics)));
            return true;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> HeartbeatAsync(string study, int trial, CancellationToken cancellationToken = default) =>
        WriteAsync((connection, transaction) => TouchRunningAsync(connection, transaction, study, trial, cancellationToken), cancellationToken);

    /// <inheritdoc />
    public Task<bool> FinishTrialAsync(string study, int trial, TrialOutcome outcome, CancellationToken cancellationToken = default)
    {
        StoreContract.ValidateOutcome(outcome, nameof(outcome));
        return WriteAsync(async (connection, transaction) => await ExecuteAsync(connection, transaction,
            $"UPDATE trials SET state = @state, score = @score, failure_reason = @reason, finished = {Now} "
            + "WHERE study = @study AND number = @trial AND state = @running",
            cancellationToken, ("@state", StoreContract.StateName(outcome.State)), ("@score", outcome.Score), ("@reason", outcome.FailureReason),
            ("@study", study), ("@trial", trial), ("@running", StoreContract.StateName(TrialState.Running))) == 1, cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<int>> MarkLostTrialsAsync(string study, TimeSpan heartbeatTimeout, CancellationToken cancellationToken = default)
    {
        StoreContract.ValidateHeartbeatTimeout(heartbeatTimeout, nameof(heartbeatTimeout));
        return WriteAsync<IReadOnlyList<int>>(async (connection, transaction) =>
        {
            // Under the study's lock, so two workers sweeping at once cannot deadlock on each other's rows.
            await LockStudyAsync(connection, transaction, study, cancellationToken);
            await using var update = Command(connection, transaction,
                $"UPDATE trials SET state = @lost, failure_reason = @reason, finished = {Now} "
                + $"WHERE study = @study AND state = @running AND {HeartbeatOlderThan("@age")} RETURNING number",
                ("@lost", StoreContract.StateName(TrialState.Lost)), ("@reason", StoreContract.WorkerLost), ("@study", study),
                ("@running", StoreContract.StateName(TrialState.Running)), ("@age", AgeValue(heartbeatTimeout)));
            var lost = new List<int>();
            await using var reader = await update.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken)) lost.Add(reader.GetInt32(0));
            lost.Sort();
            return lost;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<TrialRecord>> GetTrialsAsync(string study, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        return await ReadTrialsAsync(connection, null, study, cancellationToken);
    }

    /// <inheritdoc />
    public Task SaveArtifactAsync(string study, int trial, string name, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return WriteAsync(async (connection, transaction) =>
        {
            var exists = await ScalarAsync(connection, transaction, "SELECT 1 FROM trials WHERE study = @study AND number = @trial", cancellationToken,
                ("@study", study), ("@trial", trial));
            if (exists is null) throw StoreContract.NoSuchTrial(study, trial);
            await ExecuteAsync(connection, transaction,
                "INSERT INTO artifacts (study, trial, name, bytes) VALUES (@study, @trial, @name, @bytes) "
                + "ON CONFLICT (study, trial, name) DO UPDATE SET bytes = excluded.bytes",
                cancellationToken, ("@study", study), ("@trial", trial), ("@name", name), ("@bytes", content.ToArray()));
        }, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<byte[]?> LoadArtifactAsync(string study, int trial, string name, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        return await ScalarAsync(connection, null, "SELECT bytes FROM artifacts WHERE study = @study AND trial = @trial AND name = @name", cancellationToken,
            ("@study", study), ("@trial", trial), ("@name", name)) as byte[];
    }

    private Task WriteAsync(Func<DbConnection, DbTransaction, Task> work, CancellationToken cancellationToken) =>
        WriteAsync<bool>(async (connection, transaction) =>
        {
            await work(connection, transaction);
            return true;
        }, cancellationToken);

    private async Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var transaction = await BeginWriteAsync(connection, cancellationToken);
        var result = await work(connection, transaction);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    private async Task LockStudyAsync(DbConnection connection, DbTransaction transaction, string study, CancellationToken cancellationToken)
    {
        var found = await ScalarAsync(connection, transaction, $"SELECT name FROM studies WHERE name = @study{LockRowSuffix}", cancellationToken, ("@study", study));
        if (found is null) throw StoreContract.NoSuchStudy(study);
    }

    private async Task<bool> TouchRunningAsync(DbConnection connection, DbTransaction transaction, string study, int trial, CancellationToken cancellationToken) =>
        await ExecuteAsync(connection, transaction, $"UPDATE trials SET heartbeat = {Now} WHERE study = @study AND number = @trial AND state = @running",
            cancellationToken, ("@study", study), ("@trial", trial), ("@running", StoreContract.StateName(TrialState.Running))) == 1;

    private (string, object?)[] ControlParameters(StudyControl control) =>
    [
        ("@deadline", StoreContract.AsUtc(control.DeadlineUtc) is { } deadline ? TimestampValue(deadline) : null),
        ("@maxTrials", control.MaxTrials), ("@targetScore", control.TargetScore), ("@stop", control.StopRequested),
    ];

    private async Task<StudyRecord?> ReadStudyAsync(DbConnection connection, DbTransaction? transaction, string study, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction,
            "SELECT name, pipeline_json, tuner, pruner, seed, objective, created, deadline, max_trials, target_score, stop_requested, starting_points "
            + "FROM studies WHERE name = @name",
            ("@name", study));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken)) return null;
        var definition = new StudyDefinition(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetInt32(4), reader.GetString(5))
        {
            StartingPoints = reader.IsDBNull(11) ? null : reader.GetString(11),
        };
        return new StudyRecord(definition, ReadTimestamp(reader, 6), reader.IsDBNull(7) ? null : ReadTimestamp(reader, 7),
            reader.IsDBNull(8) ? null : reader.GetInt32(8), reader.IsDBNull(9) ? null : reader.GetDouble(9), reader.GetBoolean(10));
    }

    /// <summary>Every trial with its epochs, in one statement so the view is consistent.</summary>
    private async Task<IReadOnlyList<TrialRecord>> ReadTrialsAsync(DbConnection connection, DbTransaction? transaction, string study,
        CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction,
            $"SELECT {TrialColumns}, e.metrics FROM trials t LEFT JOIN epochs e ON e.study = t.study AND e.trial = t.number "
            + "WHERE t.study = @study ORDER BY t.number, e.epoch", ("@study", study));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var trials = new List<TrialRecord>();
        List<EpochMetrics>? epochs = null;
        while (await reader.ReadAsync(cancellationToken))
        {
            if (trials.Count == 0 || trials[^1].Number != reader.GetInt32(0))
            {
                epochs = [];
                trials.Add(ReadTrial(reader, epochs));
            }
            if (!reader.IsDBNull(10)) epochs!.Add(EpochMetricsJson.Read(reader.GetString(10)));
        }
        return trials;
    }

    private TrialRecord ReadTrial(DbDataReader reader, IReadOnlyList<EpochMetrics> epochs) => new(
        Number: reader.GetInt32(0),
        Parameters: ParameterSet.FromJson(reader.GetString(1)),
        State: StoreContract.ParseState(reader.GetString(2), reader.IsDBNull(7) ? null : reader.GetString(7)),
        History: epochs,
        Score: reader.IsDBNull(3) ? null : reader.GetDouble(3),
        Worker: reader.GetString(4),
        StartedUtc: ReadTimestamp(reader, 5),
        FinishedUtc: reader.IsDBNull(6) ? null : ReadTimestamp(reader, 6),
        FailureReason: reader.IsDBNull(7) ? null : reader.GetString(7),
        RetryOf: reader.IsDBNull(8) ? null : reader.GetInt32(8))
    {
        Source = reader.IsDBNull(9) ? null : reader.GetString(9),
    };

    private static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }
        return command;
    }

    private static async Task<int> ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken,
        params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(connection, transaction, sql, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<object?> ScalarAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken,
        params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(connection, transaction, sql, parameters);
        var value = await command.ExecuteScalarAsync(cancellationToken);
        return value is DBNull ? null : value;
    }
}
