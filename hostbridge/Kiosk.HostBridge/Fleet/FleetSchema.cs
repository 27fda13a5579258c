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
        CREATE TABLE IF NOT EXISTS fleet_audit_head (
            id BIGINT PRIMARY KEY CHECK (id = 1),
            seq BIGINT NOT NULL,
            hash TEXT NOT NULL
        );
        INSERT INTO fleet_audit_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000')
            ON CONFLICT (id) DO NOTHING;
        CREATE TABLE IF NOT EXISTS fleet_audit (
            seq BIGINT PRIMARY KEY,
            event_id TEXT NOT NULL UNIQUE,
            at BIGINT NOT NULL,
            actor TEXT NOT NULL,
            municipality_code TEXT NULL,
            action TEXT NOT NULL,
            target TEXT NOT NULL,
            outcome TEXT NOT NULL,
            prev_hash TEXT NOT NULL,
            hash TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS ix_fleet_audit_at ON fleet_audit(at);
        CREATE TABLE IF NOT EXISTS fleet_renewal_flags (
            device_id TEXT PRIMARY KEY REFERENCES devices(device_id),
            flagged_by TEXT NOT NULL,
            flagged_at BIGINT NOT NULL
        );
        """;

    // Append-only as the bridge's main audit: an UPDATE or DELETE through SQL is refused; the hash chain catches edits that bypass this.
    private const string SqliteAppendOnly = """
        CREATE TRIGGER IF NOT EXISTS fleet_audit_no_update BEFORE UPDATE ON fleet_audit BEGIN SELECT RAISE(ABORT, 'fleet audit is append-only'); END;
        CREATE TRIGGER IF NOT EXISTS fleet_audit_no_delete BEFORE DELETE ON fleet_audit BEGIN SELECT RAISE(ABORT, 'fleet audit is append-only'); END;
        """;

    private const string PostgresAppendOnly = """
        CREATE OR REPLACE FUNCTION fleet_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'fleet audit is append-only'; END $$;
        CREATE OR REPLACE TRIGGER fleet_audit_no_update BEFORE UPDATE OR DELETE ON fleet_audit FOR EACH ROW EXECUTE FUNCTION fleet_audit_append_only();
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
        await KeepUnchainedAuditAsync(database, c, tx);
        await c.ExecuteAsync(Tables + (database.Provider == "postgres" ? PostgresAppendOnly : SqliteAppendOnly), transaction: tx);
        await tx.CommitAsync(ct);
    }

    // A database from before the fleet audit was chained has a fleet_audit without hashes: keep it under another name, start a chain.
    private static async Task KeepUnchainedAuditAsync(IDatabase database, System.Data.Common.DbConnection c, System.Data.Common.DbTransaction tx)
    {
        var (tables, hashColumns) = database.Provider == "postgres"
            ? ("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = 'fleet_audit'",
               "SELECT COUNT(*) FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'fleet_audit' AND column_name = 'hash'")
            : ("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'fleet_audit'",
               "SELECT COUNT(*) FROM pragma_table_info('fleet_audit') WHERE name = 'hash'");
        if (await c.ExecuteScalarAsync<long>(tables, transaction: tx) == 0 || await c.ExecuteScalarAsync<long>(hashColumns, transaction: tx) > 0) return;
        await c.ExecuteAsync("DROP INDEX IF EXISTS ix_fleet_audit_at; ALTER TABLE fleet_audit RENAME TO fleet_audit_unchained", transaction: tx);
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
