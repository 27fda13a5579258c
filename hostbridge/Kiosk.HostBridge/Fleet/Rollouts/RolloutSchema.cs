using Dapper;
using Kiosk.HostBridge.Storage;

namespace Kiosk.HostBridge.Fleet.Rollouts;

/// <summary>Creates the rollout tables (idempotent, SQLite and PostgreSQL, serialised by the migrator's schema lock); runs after <see cref="FleetSchema"/>.</summary>
public sealed class RolloutSchema(IDatabase database) : IHostedService
{
    private const string Tables = """
        CREATE TABLE IF NOT EXISTS rollout_bundles (
            bundle_id TEXT PRIMARY KEY,
            version TEXT NOT NULL,
            size BIGINT NOT NULL,
            sha256 TEXT NOT NULL,
            signature TEXT NOT NULL,
            municipality_code TEXT NULL,
            uploaded_by TEXT NOT NULL,
            uploaded_at BIGINT NOT NULL,
            content_file TEXT NOT NULL
        );
        CREATE TABLE IF NOT EXISTS rollouts (
            rollout_id TEXT PRIMARY KEY,
            bundle_id TEXT NOT NULL REFERENCES rollout_bundles(bundle_id),
            municipality_code TEXT NOT NULL,
            window_start TEXT NULL,
            window_end TEXT NULL,
            state TEXT NOT NULL,
            released_group INTEGER NOT NULL,
            decision TEXT NULL,
            decision_cause TEXT NULL,
            created_by TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS ix_rollouts_municipality ON rollouts(municipality_code, created_at);
        CREATE TABLE IF NOT EXISTS rollout_groups (
            rollout_id TEXT NOT NULL REFERENCES rollouts(rollout_id),
            group_index INTEGER NOT NULL,
            percent INTEGER NULL,
            stores TEXT NULL,
            success_to_advance DOUBLE PRECISION NOT NULL,
            failure_to_pause DOUBLE PRECISION NOT NULL,
            failure_to_abort DOUBLE PRECISION NOT NULL,
            requires_approval INTEGER NOT NULL,
            released_at BIGINT NULL,
            PRIMARY KEY (rollout_id, group_index)
        );
        CREATE TABLE IF NOT EXISTS rollout_assignments (
            rollout_id TEXT NOT NULL REFERENCES rollouts(rollout_id),
            device_id TEXT NOT NULL,
            group_index INTEGER NOT NULL,
            previous_version TEXT NULL,
            state TEXT NOT NULL,
            reason TEXT NULL,
            joined_late INTEGER NOT NULL,
            assigned_at BIGINT NOT NULL,
            offered_at BIGINT NULL,
            download_started_at BIGINT NULL,
            reported_at BIGINT NULL,
            PRIMARY KEY (rollout_id, device_id)
        );
        CREATE INDEX IF NOT EXISTS ix_rollout_assignments_device ON rollout_assignments(device_id);
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
    public Task StartAsync(CancellationToken cancellationToken) => EnsureAsync(database, cancellationToken);

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
