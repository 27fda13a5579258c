using Dapper;
using Kiosk.HostBridge.Storage;
using Microsoft.Extensions.Options;

namespace Kiosk.HostBridge.Fleet;

/// <summary>Creates the fleet tables (idempotent, both engines) and seeds the first admin; runs after the bridge's migrations.</summary>
public sealed class FleetSchema(IDatabase database, IOptions<FleetOptions> options, AdminStore admins, ILogger<FleetSchema> logger) : IHostedService
{
    private const string Tables = """
        CREATE TABLE IF NOT EXISTS fleet_admins (
            username TEXT PRIMARY KEY,
            password_hash TEXT NOT NULL,
            municipality_code TEXT NULL,
            created_at BIGINT NOT NULL
        );
        CREATE TABLE IF NOT EXISTS fleet_admin_sessions (
            token_hash TEXT PRIMARY KEY,
            username TEXT NOT NULL REFERENCES fleet_admins(username),
            expires_at BIGINT NOT NULL
        );
        CREATE TABLE IF NOT EXISTS fleet_enrolment_tokens (
            token_hash TEXT PRIMARY KEY,
            store_id TEXT NOT NULL REFERENCES stores(store_id),
            created_by TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            expires_at BIGINT NOT NULL,
            used_at BIGINT NULL,
            device_id TEXT NULL
        );
        CREATE TABLE IF NOT EXISTS fleet_audit (
            event_id TEXT PRIMARY KEY,
            at BIGINT NOT NULL,
            actor TEXT NOT NULL,
            municipality_code TEXT NULL,
            action TEXT NOT NULL,
            target TEXT NOT NULL,
            outcome TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS ix_fleet_audit_at ON fleet_audit(at);
        """;

    /// <summary>Creates the tables on the given database (tests call it before the host starts).</summary>
    public static async Task EnsureAsync(IDatabase database, CancellationToken ct)
    {
        await using var c = await database.OpenAsync(ct);
        await using var tx = await database.BeginWriteAsync(c, ct);
        if (database.Provider == "postgres")
        {
            // CREATE TABLE IF NOT EXISTS races on PostgreSQL when two instances start together; serialise as the migrator does.
            await c.ExecuteAsync(Migrator.PostgresSchemaLock, transaction: tx);
        }
        await c.ExecuteAsync(Tables, transaction: tx);
        await tx.CommitAsync(ct);
    }

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await EnsureAsync(database, cancellationToken);
        var seed = options.Value.SeedAdmin;
        if (seed.Username is { Length: > 0 } user && seed.Password is { Length: > 0 } password)
        {
            var municipality = string.IsNullOrWhiteSpace(seed.Municipality) ? null : seed.Municipality;
            if (await admins.CreateIfMissingAsync(user, password, municipality, cancellationToken))
                logger.LogInformation("Seeded fleet admin {User}", user);
        }
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
