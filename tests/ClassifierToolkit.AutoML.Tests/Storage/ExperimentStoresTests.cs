using ClassifierToolkit.AutoML.Storage;
using ClassifierToolkit.AutoML.Tests.Support;

namespace ClassifierToolkit.AutoML.Tests.Storage;

public sealed class ExperimentStoresTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public async Task OpenAsync_NoStorage_OpensSqliteAtTheDefaultPath(string? storage)
    {
        var defaultPath = _folder.File(Path.Combine("out", ExperimentStores.DefaultFileName));

        await using var store = await ExperimentStores.OpenAsync(storage, defaultPath);

        Assert.Equal(defaultPath, Assert.IsType<SqliteExperimentStore>(store).Path);
        Assert.True(File.Exists(defaultPath));
    }

    [Fact]
    public async Task OpenAsync_FilePath_OpensSqliteThere()
    {
        var path = _folder.File("shared.db");

        await using var store = await ExperimentStores.OpenAsync(path, _folder.File("unused.db"));

        Assert.Equal(path, Assert.IsType<SqliteExperimentStore>(store).Path);
        Assert.False(File.Exists(_folder.File("unused.db")));
    }

    [Fact]
    public async Task OpenAsync_TextFile_ThrowsSayingItIsNotADatabase()
    {
        var path = _folder.File("notes.txt");
        await File.WriteAllTextAsync(path, new string('a', 2000));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => ExperimentStores.OpenAsync(path, _folder.File("unused.db")));

        Assert.Contains(path, error.Message);
        Assert.Contains("not a SQLite database", error.Message);
    }

    [Theory]
    [InlineData("Host=127.0.0.1;Port=1;Username=ctk;Password=hunter2-secret;Database=experiments;Timeout=5")]
    [InlineData("postgresql://ctk:hunter2-secret@127.0.0.1:1/experiments?timeout=5")]
    public async Task OpenAsync_UnreachablePostgres_ThrowsNamingHostAndPortButNotThePassword(string storage)
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => ExperimentStores.OpenAsync(storage, _folder.File("unused.db")));

        Assert.Contains("Cannot reach PostgreSQL at 127.0.0.1:1", error.Message);
        Assert.Contains("'experiments'", error.Message);
        Assert.Contains("Host= and Port=", error.Message);
        Assert.DoesNotContain("hunter2", error.Message);
        Assert.DoesNotContain("hunter2", error.ToString());
        Assert.False(File.Exists(_folder.File("unused.db")));
    }

    [Fact]
    public async Task OpenAsync_UnknownPostgresKeyword_ThrowsArgumentExceptionWithoutThePassword()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            ExperimentStores.OpenAsync("Host=db;Pasword=hunter2-secret;Database=x", _folder.File("unused.db")));

        Assert.Contains("pasword", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("hunter2", error.Message);
    }

    [Theory]
    [InlineData("Host=db.internal;Database=experiments", true)]
    [InlineData("host=db;username=ctk", true)]
    [InlineData("postgres://ctk@db/experiments", true)]
    [InlineData("PostgreSQL://db/experiments", true)]
    [InlineData("runs/search/experiment.db", false)]
    [InlineData("/data/hosts/experiment.db", false)]
    public void IsPostgres_StorageText_TellsServerFromFile(string storage, bool expected) =>
        Assert.Equal(expected, PostgresConnectionString.IsPostgres(storage));

    [Fact]
    public void Parse_PostgresUri_ReadsUserPasswordHostPortDatabaseAndOptions()
    {
        var builder = PostgresConnectionString.Parse("postgresql://ctk%40corp:p%3Ass%2Fword@db.internal:6543/search%20runs?sslmode=require&Timeout=7");

        Assert.Equal(("db.internal", 6543, "ctk@corp", "p:ss/word", "search runs"),
            (builder.Host, builder.Port, builder.Username, builder.Password, builder.Database));
        Assert.Equal(Npgsql.SslMode.Require, builder.SslMode);
        Assert.Equal(7, builder.Timeout);
        Assert.Equal(5432, PostgresConnectionString.Parse("postgres://db/x").Port);
    }
}
