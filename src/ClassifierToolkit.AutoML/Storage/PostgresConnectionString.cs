using Npgsql;

namespace ClassifierToolkit.AutoML.Storage;

/// <summary>Reads a PostgreSQL connection string in either form users write: Npgsql keywords (<c>Host=...;Database=...</c>) or a
/// <c>postgres://user:password@host:port/database?sslmode=require</c> URI.</summary>
internal static class PostgresConnectionString
{
    private static readonly string[] Schemes = ["postgres://", "postgresql://"];

    /// <summary>True for text that names a PostgreSQL server rather than a SQLite file.</summary>
    public static bool IsPostgres(string storage) =>
        storage.Contains("Host=", StringComparison.OrdinalIgnoreCase) || Schemes.Any(s => storage.StartsWith(s, StringComparison.OrdinalIgnoreCase));

    /// <exception cref="ArgumentException">An unknown keyword or a malformed URI; the message never repeats the password.</exception>
    public static NpgsqlConnectionStringBuilder Parse(string connectionString)
    {
        var uri = Schemes.Any(s => connectionString.StartsWith(s, StringComparison.OrdinalIgnoreCase));
        try
        {
            return uri ? FromUri(connectionString) : new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or UriFormatException)
        {
            throw new ArgumentException($"Cannot read the PostgreSQL connection string: {e.Message}. Write it as "
                + "'Host=server;Port=5432;Username=user;Password=...;Database=name' or 'postgresql://user:password@server:5432/name'.",
                nameof(connectionString), e);
        }
    }

    /// <summary><c>database 'name' on host:port</c>, for messages.</summary>
    public static string Describe(NpgsqlConnectionStringBuilder builder) => $"'{builder.Database}' on {builder.Host}:{builder.Port}";

    private static NpgsqlConnectionStringBuilder FromUri(string text)
    {
        var uri = new Uri(text);
        var builder = new NpgsqlConnectionStringBuilder { Host = uri.Host };
        if (!uri.IsDefaultPort && uri.Port > 0) builder.Port = uri.Port;
        var userInfo = uri.UserInfo.Split(':', 2);
        if (userInfo[0].Length > 0) builder.Username = Uri.UnescapeDataString(userInfo[0]);
        if (userInfo.Length == 2) builder.Password = Uri.UnescapeDataString(userInfo[1]);
        var database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        if (database.Length > 0) builder.Database = database;
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var keyValue = pair.Split('=', 2);
            var key = Uri.UnescapeDataString(keyValue[0]);
            builder[key.Equals("sslmode", StringComparison.OrdinalIgnoreCase) ? "SSL Mode" : key] = keyValue.Length == 2 ? Uri.UnescapeDataString(keyValue[1]) : "";
        }
        return builder;
    }
}
