using ClassifierToolkit.AutoML.Storage;
using Npgsql;

namespace ClassifierToolkit.AutoML.Tests.Storage;

public sealed class PostgresExperimentStoreTests(PostgresTestDatabase database) : PersistentExperimentStoreContractTests, IClassFixture<PostgresTestDatabase>
{
    protected override async Task<IExperimentStore> OpenStoreAsync() => await PostgresExperimentStore.OpenAsync(database.ConnectionString);

    protected override async Task ExecuteSqlAsync(string sql)
    {
        await using var dataSource = NpgsqlDataSource.Create(database.ConnectionString);
        await using var command = dataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }

    [SkippableFact]
    public async Task OpenAsync_TwoProcessesAtOnceOnAFreshDatabase_BothCreateTheSchemaWithoutError()
    {
        var fresh = await database.CreateDatabaseAsync();

        var stores = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => PostgresExperimentStore.OpenAsync(fresh))));

        var study = await CreateStudyAsync(stores[0]);
        Assert.NotNull(await stores[3].FindStudyAsync(study.Definition.Name));
        foreach (var store in stores) await store.DisposeAsync();
    }

    [SkippableFact]
    public async Task OpenAsync_MissingDatabase_ThrowsSayingCreateItWithoutThePassword()
    {
        var missing = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Database = "ctk_no_such_database", Password = "pw-not-to-show" };

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => PostgresExperimentStore.OpenAsync(missing.ToString()));

        Assert.Contains("'ctk_no_such_database' does not exist", error.Message);
        Assert.Contains("createdb", error.Message);
        Assert.DoesNotContain("pw-not-to-show", error.Message);
    }

    [SkippableFact]
    public async Task StartTrialAsync_Timestamps_ComeFromTheServerClock()
    {
        await using var store = await OpenStoreAsync();
        var study = (await CreateStudyAsync(store)).Definition.Name;
        await using var dataSource = NpgsqlDataSource.Create(database.ConnectionString);
        await using var clock = dataSource.CreateCommand("SELECT clock_timestamp()");

        var before = (DateTime)(await clock.ExecuteScalarAsync())!;
        var trial = await StartAsync(store, study);
        var after = (DateTime)(await clock.ExecuteScalarAsync())!;

        Assert.InRange(trial.StartedUtc, before, after);
        Assert.Equal(DateTimeKind.Utc, trial.StartedUtc.Kind);
    }
}
