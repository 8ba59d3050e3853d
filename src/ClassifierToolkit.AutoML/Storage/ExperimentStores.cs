namespace ClassifierToolkit.AutoML.Storage;

/// <summary>Opens the experiment store a <c>--storage</c> value names: a PostgreSQL connection string, or a SQLite file.</summary>
public static class ExperimentStores
{
    /// <summary>The SQLite file a run writes in its output folder when no storage is given.</summary>
    public const string DefaultFileName = "experiment.db";

    /// <summary>
    /// Opens <paramref name="storage"/>: text containing <c>Host=</c>, or starting with <c>postgres://</c> or <c>postgresql://</c>, is a
    /// PostgreSQL connection string (<see cref="PostgresExperimentStore"/>); anything else is a SQLite file path
    /// (<see cref="SqliteExperimentStore"/>). Null or blank opens <paramref name="defaultSqlitePath"/>.
    /// </summary>
    /// <param name="storage">What the user gave, e.g. <c>runs/search/experiment.db</c> or <c>Host=db;Username=ctk;Database=experiments</c>.</param>
    /// <param name="defaultSqlitePath">The SQLite file to use when <paramref name="storage"/> is empty, typically
    /// <c>&lt;output&gt;/experiment.db</c> (<see cref="DefaultFileName"/>).</param>
    /// <param name="cancellationToken">Cancels the opening.</param>
    /// <exception cref="ArgumentException">The storage text cannot be read, or names a folder.</exception>
    /// <exception cref="InvalidOperationException">The store cannot be opened: PostgreSQL unreachable or refusing the login, a file that is not
    /// a database; the message says which and how to fix it.</exception>
    public static async Task<IExperimentStore> OpenAsync(string? storage, string defaultSqlitePath, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(defaultSqlitePath);
        if (string.IsNullOrWhiteSpace(storage)) return await SqliteExperimentStore.OpenAsync(defaultSqlitePath, cancellationToken);
        return PostgresConnectionString.IsPostgres(storage)
            ? await PostgresExperimentStore.OpenAsync(storage, cancellationToken)
            : await SqliteExperimentStore.OpenAsync(storage, cancellationToken);
    }
}
