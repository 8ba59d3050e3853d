using ClassifierToolkit.AutoML.Storage;
using ClassifierToolkit.AutoML.Tests.Support;
using Microsoft.Data.Sqlite;

namespace ClassifierToolkit.AutoML.Tests.Storage;

public sealed class SqliteExperimentStoreTests : PersistentExperimentStoreContractTests, IDisposable
{
    private readonly TemporaryFolder _folder = new();

    private string DatabasePath => _folder.File(ExperimentStores.DefaultFileName);

    protected override async Task<IExperimentStore> OpenStoreAsync() => await SqliteExperimentStore.OpenAsync(DatabasePath);

    public void Dispose() => _folder.Dispose();

    protected override async Task ExecuteSqlAsync(string sql) =>
        await QueryAsync(DatabasePath, sql.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    [Fact]
    public async Task OpenAsync_NewFileInAMissingFolder_CreatesItInWalModeWithSchemaVersion()
    {
        var path = _folder.File(Path.Combine("runs", "search", "experiment.db"));

        await using (await SqliteExperimentStore.OpenAsync(path))
        {
        }

        Assert.Equal(["wal", 2L], await QueryAsync(path, "PRAGMA journal_mode", "SELECT version FROM schema_version"));
    }

    [Fact]
    public async Task OpenAsync_SeveralAtOnceOnANewFile_AllSucceed()
    {
        var stores = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => SqliteExperimentStore.OpenAsync(DatabasePath))));

        var study = await CreateStudyAsync(stores[0]);
        Assert.NotNull(await stores[3].FindStudyAsync(study.Definition.Name));
        foreach (var store in stores) await store.DisposeAsync();
        Assert.Equal([1L], await QueryAsync(DatabasePath, "SELECT COUNT(*) FROM schema_version"));
    }

    [Fact]
    public async Task OpenAsync_FileThatIsNotADatabase_ThrowsNamingTheFile()
    {
        await File.WriteAllTextAsync(DatabasePath, "epoch,loss\n1,0.5\n2,0.4\n" + new string('x', 4096));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => SqliteExperimentStore.OpenAsync(DatabasePath));

        Assert.Contains($"'{DatabasePath}' is not a SQLite database", error.Message);
    }

    [Fact]
    public async Task OpenAsync_Folder_ThrowsSuggestingAFileInIt()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => SqliteExperimentStore.OpenAsync(_folder.Path));

        Assert.Contains(Path.Combine(_folder.Path, "experiment.db"), error.Message);
    }

    [Fact]
    public async Task OpenAsync_SchemaWrittenByANewerVersion_ThrowsSayingUpgrade()
    {
        await using (await SqliteExperimentStore.OpenAsync(DatabasePath))
        {
        }
        await QueryAsync(DatabasePath, "UPDATE schema_version SET version = 99");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => SqliteExperimentStore.OpenAsync(DatabasePath));

        Assert.Contains("schema version 99", error.Message);
        Assert.Contains("Upgrade ClassifierToolkit", error.Message);
    }

    [Fact]
    public async Task StartTrialAsync_Timestamps_AreStoredAsIsoUtcText()
    {
        await using var store = await OpenStoreAsync();
        var study = (await CreateStudyAsync(store)).Definition.Name;
        var trial = await StartAsync(store, study);

        var stored = (string)(await QueryAsync(DatabasePath, "SELECT started FROM trials"))[0]!;

        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", stored);
        Assert.Equal(trial.StartedUtc.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'"), stored);
    }

    private static async Task<object?[]> QueryAsync(string path, params string[] statements)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        await connection.OpenAsync();
        var results = new List<object?>();
        foreach (var statement in statements)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = statement;
            results.Add(await command.ExecuteScalarAsync());
        }
        return [.. results];
    }
}
