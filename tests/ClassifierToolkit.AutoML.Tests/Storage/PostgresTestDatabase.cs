using Npgsql;

namespace ClassifierToolkit.AutoML.Tests.Storage;

/// <summary>
/// A fresh database on the test PostgreSQL server named by <c>CTK_TEST_POSTGRES</c>, created for one test class and dropped after it.
/// Without the variable, tests that need it are skipped, or fail when <c>CI=true</c>, saying how to start a server.
/// </summary>
public sealed class PostgresTestDatabase : IAsyncLifetime
{
    public const string Variable = "CTK_TEST_POSTGRES";

    private readonly string? _server = Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : null;
    private readonly List<string> _databases = [];
    private string? _connectionString;

    /// <summary>The connection string of this class's database; skips (or fails on CI) when no server is configured.</summary>
    public string ConnectionString => _connectionString ?? throw Unavailable();

    /// <summary>Another fresh, empty database, dropped with the others.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        if (_server is null) throw Unavailable();
        var name = $"ctk_test_{Guid.NewGuid():N}";
        await ExecuteOnServerAsync($"CREATE DATABASE {name}");
        _databases.Add(name);
        return new NpgsqlConnectionStringBuilder(_server) { Database = name }.ToString();
    }

    public async Task InitializeAsync()
    {
        if (_server is not null) _connectionString = await CreateDatabaseAsync();
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        foreach (var name in _databases) await ExecuteOnServerAsync($"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
    }

    private async Task ExecuteOnServerAsync(string sql)
    {
        await using var dataSource = NpgsqlDataSource.Create(_server!);
        await using var command = dataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }

    private static Exception Unavailable()
    {
        var message = $"The PostgreSQL store tests need a server: run `export {Variable}=\"$(build/postgres-test-server.sh start)\"` "
            + $"(it prints e.g. Host=127.0.0.1;Port=54329;Username=postgres;Database=ctk_test), then run the tests again.";
        return string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase)
            ? new InvalidOperationException(message)
            : new SkipException(message);
    }
}
