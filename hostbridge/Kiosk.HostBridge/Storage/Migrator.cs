using Dapper;

namespace Kiosk.HostBridge.Storage;

/// <summary>Applies pending migrations once, even when several bridge instances start together.</summary>
public sealed class Migrator(IDatabase database, TimeProvider clock)
{
    /// <summary>The PostgreSQL transaction lock every schema change takes, so instances starting together never race on DDL.</summary>
    public const string PostgresSchemaLock = "SELECT pg_advisory_xact_lock(7304118)";

    /// <summary>Brings the schema up to date; returns the versions it applied.</summary>
    public async Task<IReadOnlyList<int>> MigrateAsync(CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var tx = await database.BeginWriteAsync(connection, ct);
        if (database.Provider == "postgres")
        {
            // Serialises concurrent starts: the second instance waits here, then sees the versions the first applied.
            await connection.ExecuteAsync(PostgresSchemaLock, transaction: tx);
        }
        await connection.ExecuteAsync(
            "CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)",
            transaction: tx);
        var applied = (await connection.QueryAsync<long>("SELECT version FROM schema_migrations", transaction: tx)).ToHashSet();
        var done = new List<int>();
        foreach (var migration in Migrations.All.OrderBy(m => m.Version))
        {
            if (applied.Contains(migration.Version)) continue;
            var sql = database.Provider == "postgres" ? migration.Postgres : migration.Sqlite;
            await connection.ExecuteAsync(sql, transaction: tx);
            await connection.ExecuteAsync(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES (@v, @n, @at)",
                new { v = (long)migration.Version, n = migration.Name, at = clock.GetUtcNow().ToUnixTimeMilliseconds() },
                transaction: tx);
            done.Add(migration.Version);
        }
        await tx.CommitAsync(ct);
        return done;
    }
}
