using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace ClassifierToolkit.AutoML.Storage;

/// <summary>
/// An <see cref="IExperimentStore"/> in one SQLite file (by default <c>experiment.db</c> in the run's output folder), the embedded default.
/// Several processes on one machine can share the file: it runs in WAL mode, waits up to 30 s for another process's lock (busy timeout) instead of failing, and
/// takes the write lock at the start of every write transaction (<c>BEGIN IMMEDIATE</c>), which serializes
/// <see cref="SqlExperimentStore.StartTrialAsync"/> across processes. Timestamps are the machine's clock, stored as ISO-8601 UTC text.
/// Do not put the file on a network share (SQLite's locks are not reliable there); use <see cref="PostgresExperimentStore"/> across machines.
/// </summary>
internal sealed class SqliteExperimentStore : SqlExperimentStore
{
    // How long a statement waits for another process's lock before failing.
    private static readonly TimeSpan BusyTimeout = TimeSpan.FromSeconds(30);

    private const string TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";
    // The same format, written by SQLite itself: millisecond precision, so stored times compare as text.
    private const string SqliteNow = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')";
    private static readonly SqlColumnTypes SqliteTypes = new(Timestamp: "text", Real: "real", Boolean: "integer", Bytes: "blob");

    private readonly string _connectionString;

    private SqliteExperimentStore(string path)
    {
        Path = path;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            ForeignKeys = true,
            DefaultTimeout = (int)BusyTimeout.TotalSeconds,
            Pooling = true,
        }.ToString();
    }

    /// <summary>The database file (full path).</summary>
    public string Path { get; }

    /// <summary>Opens the store in <paramref name="path"/>, creating the file, its folder and the tables when missing.</summary>
    /// <param name="path">The database file, e.g. <c>runs/search/experiment.db</c>.</param>
    /// <param name="cancellationToken">Cancels the opening.</param>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty or names a folder.</exception>
    /// <exception cref="InvalidOperationException">The file is not a SQLite database, cannot be opened, or was written by a newer
    /// ClassifierToolkit; the message names the file.</exception>
    public static async Task<SqliteExperimentStore> OpenAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var fullPath = System.IO.Path.GetFullPath(path);
        if (Directory.Exists(fullPath))
        {
            throw new ArgumentException($"The experiment storage '{path}' is a folder; give a database file such as "
                + $"'{System.IO.Path.Combine(path, ExperimentStores.DefaultFileName)}'.", nameof(path));
        }
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(fullPath)!);
        var store = new SqliteExperimentStore(fullPath);
        try
        {
            await using (var connection = await store.OpenConnectionAsync(cancellationToken))
            await using (var wal = connection.CreateCommand())
            {
                // Persistent in the file; lets readers run beside the one writer.
                wal.CommandText = "PRAGMA journal_mode = WAL";
                await wal.ExecuteNonQueryAsync(cancellationToken);
            }
            await store.InitializeSchemaAsync(cancellationToken);
            return store;
        }
        catch (SqliteException e)
        {
            await store.DisposeAsync();
            throw new InvalidOperationException(OpenFailure(fullPath, e), e);
        }
        catch
        {
            await store.DisposeAsync();
            throw;
        }
    }

    /// <summary>Returns the pooled connections, releasing the file.</summary>
    public override ValueTask DisposeAsync()
    {
        using (var connection = new SqliteConnection(_connectionString)) SqliteConnection.ClearPool(connection);
        return ValueTask.CompletedTask;
    }

    internal override string Description => $"The SQLite experiment database '{Path}'";
    internal override SqlColumnTypes Types => SqliteTypes;
    internal override string Now => SqliteNow;
    internal override string LockRowSuffix => "";
    internal override string? SchemaLock => null;

    internal override string HeartbeatOlderThan(string ageParameter) => $"heartbeat < strftime('%Y-%m-%dT%H:%M:%fZ', 'now', {ageParameter})";

    internal override object AgeValue(TimeSpan age) => $"-{age.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} seconds";

    internal override object TimestampValue(DateTime utc) => utc.ToString(TimestampFormat, CultureInfo.InvariantCulture);

    internal override DateTime ReadTimestamp(DbDataReader reader, int ordinal) =>
        DateTime.ParseExact(reader.GetString(ordinal), TimestampFormat, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    internal override async ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var busy = connection.CreateCommand();
            // SQLite's own busy handler retries within milliseconds; Microsoft.Data.Sqlite's retry (DefaultTimeout) sleeps 150 ms.
            busy.CommandText = $"PRAGMA busy_timeout = {(int)BusyTimeout.TotalMilliseconds}";
            await busy.ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    internal override ValueTask<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken) =>
        ValueTask.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: false));

    private static string OpenFailure(string path, SqliteException e) => e.SqliteErrorCode switch
    {
        SQLitePCL.raw.SQLITE_NOTADB or SQLitePCL.raw.SQLITE_CORRUPT =>
            $"'{path}' is not a SQLite database ({e.Message}). Point the experiment storage at a new file or at an experiment.db "
            + "written by ClassifierToolkit, or give a PostgreSQL connection string (Host=...).",
        SQLitePCL.raw.SQLITE_CANTOPEN or SQLitePCL.raw.SQLITE_READONLY or SQLitePCL.raw.SQLITE_PERM =>
            $"Cannot open the experiment database '{path}' for writing ({e.Message}). Check that its folder exists and is writable.",
        _ => $"Cannot open the experiment database '{path}': {e.Message}",
    };
}
