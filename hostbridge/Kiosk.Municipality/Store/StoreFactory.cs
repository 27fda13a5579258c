using Microsoft.Data.Sqlite;
using Npgsql;

namespace Kiosk.Municipality.Store;

/// <summary>Builds the configured store: a SQLite file in the data dir, or PostgreSQL from a connection string.</summary>
public static class StoreFactory
{
    public static SqlMunicipalStore Create(MunicipalityOptions options, string? postgresConnectionString)
    {
        switch (options.Store.ToLowerInvariant())
        {
            case "sqlite":
                Directory.CreateDirectory(options.ResolvedDataDir);
                var cs = new SqliteConnectionStringBuilder
                {
                    DataSource = Path.Combine(options.ResolvedDataDir, "municipality.db"),
                    Pooling = true,
                    DefaultTimeout = 30,
                }.ToString();
                return new SqlMunicipalStore(() => new SqliteConnection(cs), SqlDialect.Sqlite);
            case "postgres" or "postgresql":
                if (string.IsNullOrWhiteSpace(postgresConnectionString))
                    throw new InvalidOperationException("Municipality:Store is postgres but ConnectionStrings:Municipality is not set.");
                var source = NpgsqlDataSource.Create(WithPoolDefaults(postgresConnectionString));
                return new SqlMunicipalStore(() => source.CreateConnection(), SqlDialect.Postgres);
            default:
                throw new InvalidOperationException($"Municipality:Store '{options.Store}' is not supported; use sqlite or postgres.");
        }
    }

    // The store keeps no session state on its connections, so Npgsql's DISCARD ALL on every return to the pool (and the loss of
    // prepared statements with it) is pure cost; the operator's own settings win.
    private static string WithPoolDefaults(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!connectionString.Contains("Reset On Close", StringComparison.OrdinalIgnoreCase)
            && !connectionString.Contains("ResetOnClose", StringComparison.OrdinalIgnoreCase)) builder.NoResetOnClose = true;
        if (!connectionString.Contains("Auto Prepare", StringComparison.OrdinalIgnoreCase)
            && !connectionString.Contains("AutoPrepare", StringComparison.OrdinalIgnoreCase)) builder.MaxAutoPrepare = 32;
        return builder.ConnectionString;
    }
}
