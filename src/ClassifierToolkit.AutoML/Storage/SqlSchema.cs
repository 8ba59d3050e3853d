namespace ClassifierToolkit.AutoML.Storage;

/// <summary>
/// The experiment schema, written once for every SQL backend. History of <see cref="SqlExperimentStore.SchemaVersion"/>:
/// 1 — studies, trials, epochs, artifacts.
/// 2 — studies.starting_points (configurations offered before the tuner's), trials.source (where a configuration came from).
/// </summary>
internal static class SqlSchema
{
    /// <summary>Statements that create whatever tables are missing (idempotent).</summary>
    public static string Create(SqlColumnTypes types) => $"""
        CREATE TABLE IF NOT EXISTS schema_version (
            version integer NOT NULL
        );
        CREATE TABLE IF NOT EXISTS studies (
            name text PRIMARY KEY,
            pipeline_json text NOT NULL,
            tuner text NOT NULL,
            pruner text NOT NULL,
            seed integer NOT NULL,
            objective text NOT NULL,
            created {types.Timestamp} NOT NULL,
            deadline {types.Timestamp},
            max_trials integer,
            target_score {types.Real},
            stop_requested {types.Boolean} NOT NULL,
            starting_points text
        );
        CREATE TABLE IF NOT EXISTS trials (
            study text NOT NULL REFERENCES studies (name),
            number integer NOT NULL,
            parameters text NOT NULL,
            state text NOT NULL,
            score {types.Real},
            worker text NOT NULL,
            started {types.Timestamp} NOT NULL,
            finished {types.Timestamp},
            heartbeat {types.Timestamp} NOT NULL,
            failure_reason text,
            retry_of integer,
            source text,
            PRIMARY KEY (study, number)
        );
        CREATE TABLE IF NOT EXISTS epochs (
            study text NOT NULL,
            trial integer NOT NULL,
            epoch integer NOT NULL,
            metrics text NOT NULL,
            PRIMARY KEY (study, trial, epoch),
            FOREIGN KEY (study, trial) REFERENCES trials (study, number)
        );
        CREATE TABLE IF NOT EXISTS artifacts (
            study text NOT NULL,
            trial integer NOT NULL,
            name text NOT NULL,
            bytes {types.Bytes} NOT NULL,
            PRIMARY KEY (study, trial, name),
            FOREIGN KEY (study, trial) REFERENCES trials (study, number)
        );
        """;

    /// <summary>Statements that bring a store of schema version <paramref name="from"/> to <see cref="SqlExperimentStore.SchemaVersion"/>
    /// (run under the schema lock, in the schema transaction).</summary>
    public static IEnumerable<string> Migrate(int from)
    {
        if (from < 2)
        {
            yield return "ALTER TABLE studies ADD COLUMN starting_points text";
            yield return "ALTER TABLE trials ADD COLUMN source text";
        }
    }
}
