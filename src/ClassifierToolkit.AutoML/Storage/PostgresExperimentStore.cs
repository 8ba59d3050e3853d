using System.Data;
using System.Data.Common;
using System.Net.Sockets;
using Npgsql;

namespace ClassifierToolkit.AutoML.Storage;

/// <summary>
/// An <see cref="IExperimentStore"/> in a PostgreSQL database, shared by workers on any number of machines.
/// <see cref="SqlExperimentStore.StartTrialAsync"/> locks the study's row (<c>SELECT ... FOR NO KEY UPDATE</c>) for its transaction, so
/// workers start trials one at a time per study; every timestamp comes from the server's clock, so workers whose clocks disagree still
/// agree on heartbeats. The tables are created on first use (under an advisory lock, so workers may start at once); the user needs the
/// right to create tables in the database's default schema.
/// </summary>
internal sealed class PostgresExperimentStore : SqlExperimentStore
{
    // pg_advisory_xact_lock key of schema creation: any fixed number no other application uses ("ctk-schm").
    private const long SchemaLockKey = 0x63746B2D7363686D;
    private static readonly SqlColumnTypes PostgresTypes = new(Timestamp: "timestamptz", Real: "double precision", Boolean: "boolean", Bytes: "bytea");

    private readonly NpgsqlDataSource _dataSource;

    private PostgresExperimentStore(NpgsqlDataSource dataSource, string server)
    {
        _dataSource = dataSource;
        Server = server;
    }

    /// <summary>Where the store is, as <c>database on host:port</c> (no credentials).</summary>
    public string Server { get; }

    /// <summary>Opens the store, creating its tables when missing.</summary>
    /// <param name="connectionString">An Npgsql connection string (<c>Host=db;Port=5432;Username=ctk;Password=...;Database=experiments</c>)
    /// or a URI (<c>postgresql://ctk:password@db:5432/experiments</c>).</param>
    /// <param name="cancellationToken">Cancels the opening.</param>
    /// <exception cref="ArgumentException">The connection string cannot be read.</exception>
    /// <exception cref="InvalidOperationException">The server cannot be reached, refuses the login, lacks the database, or holds a schema
    /// written by a newer ClassifierToolkit; the message names host, port, database and user (never the password) and how to fix it.</exception>
    public static async Task<PostgresExperimentStore> OpenAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var builder = PostgresConnectionString.Parse(connectionString);
        var store = new PostgresExperimentStore(NpgsqlDataSource.Create(builder), PostgresConnectionString.Describe(builder));
        try
        {
            await store.InitializeSchemaAsync(cancellationToken);
            return store;
        }
        catch (NpgsqlException e)
        {
            await store.DisposeAsync();
            throw new InvalidOperationException(OpenFailure(builder, e), e);
        }
        catch
        {
            await store.DisposeAsync();
            throw;
        }
    }

    /// <summary>Closes the store's connection pool.</summary>
    public override ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    internal override string Description => $"The PostgreSQL database {Server}";
    internal override SqlColumnTypes Types => PostgresTypes;
    // clock_timestamp(), not now(): now() is the transaction's start, which may be long before a lock was granted.
    internal override string Now => "clock_timestamp()";
    internal override string LockRowSuffix => " FOR NO KEY UPDATE";
    internal override string? SchemaLock => $"SELECT pg_advisory_xact_lock({SchemaLockKey})";

    internal override string HeartbeatOlderThan(string ageParameter) => $"heartbeat < clock_timestamp() - {ageParameter}";

    internal override object AgeValue(TimeSpan age) => age;

    internal override object TimestampValue(DateTime utc) => utc;

    internal override DateTime ReadTimestamp(DbDataReader reader, int ordinal) => reader.GetFieldValue<DateTime>(ordinal);

    internal override async ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken);

    internal override async ValueTask<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken) =>
        await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);

    private static string OpenFailure(NpgsqlConnectionStringBuilder builder, NpgsqlException e)
    {
        var where = PostgresConnectionString.Describe(builder);
        return e switch
        {
            PostgresException { SqlState: PostgresErrorCodes.InvalidPassword or PostgresErrorCodes.InvalidAuthorizationSpecification } p =>
                $"PostgreSQL refused the login of user '{builder.Username}' to {where}: {p.MessageText}. "
                + "Check Username= and Password= in the connection string (or the server's pg_hba.conf).",
            PostgresException { SqlState: PostgresErrorCodes.InvalidCatalogName } =>
                $"The PostgreSQL database '{builder.Database}' does not exist ({where}). Create it "
                + $"(createdb -h {builder.Host} -p {builder.Port} -U {builder.Username} {builder.Database}) or name an existing one with Database=.",
            PostgresException p => $"PostgreSQL failed to open the experiment store ({where}): {p.MessageText} (SQLSTATE {p.SqlState}).",
            _ => $"Cannot reach PostgreSQL at {builder.Host}:{builder.Port} (database '{builder.Database}', user '{builder.Username}'): "
                + $"{Reason(e)}. Check that the server is running and accepts TCP connections there, and that Host= and Port= in the "
                + "connection string are right.",
        };
    }

    private static string Reason(Exception e) => e.InnerException switch
    {
        SocketException socket => socket.Message,
        TimeoutException timeout => timeout.Message,
        { } inner => $"{e.Message} ({inner.Message})",
        null => e.Message,
    };
}
