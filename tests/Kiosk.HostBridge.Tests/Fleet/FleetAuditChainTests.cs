using Dapper;
using Kiosk.HostBridge.Fleet;
using Kiosk.HostBridge.Storage;
using Kiosk.TestSupport;
using Microsoft.Data.Sqlite;

namespace Kiosk.HostBridge.Tests.Fleet;

/// <summary>The fleet admin audit is an append-only SHA-256 chain on both engines; tampering behind the triggers is detected.</summary>
public abstract class FleetAuditChainTests
{
    protected abstract IDatabase Database { get; }

    /// <summary>SQL that switches the append-only trigger off, as someone with direct database access could.</summary>
    protected abstract string DisableAppendOnlySql { get; }

    private async Task<FleetAudit> AuditAsync()
    {
        await new Migrator(Database, TimeProvider.System).MigrateAsync(CancellationToken.None);
        await FleetSchema.EnsureAsync(Database, CancellationToken.None);
        return new FleetAudit(Database, TimeProvider.System);
    }

    [Fact]
    public async Task Concurrent_writers_form_one_unbroken_chain()
    {
        var audit = await AuditAsync();
        await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(() =>
            audit.RecordAsync("admin-" + (i % 3), "131016", "store.create", "store-" + i, "ok", CancellationToken.None))));
        var records = await audit.ReadAllAsync(CancellationToken.None);
        Assert.Equal(40, records.Count);
        Assert.Equal(Enumerable.Range(1, 40).Select(i => (long)i), records.Select(r => r.Seq));
        for (var i = 1; i < records.Count; i++) Assert.Equal(records[i - 1].Hash, records[i].PrevHash);
        Assert.Equal(40, records.Select(r => r.Target).Distinct().Count());
        var verification = await audit.VerifyAsync(CancellationToken.None);
        Assert.True(verification.Intact, verification.Problem);
        Assert.Equal(40, verification.Records);
    }

    [Fact]
    public async Task Update_and_delete_are_refused_and_edits_behind_the_trigger_are_detected()
    {
        var audit = await AuditAsync();
        for (var i = 0; i < 5; i++) await audit.RecordAsync("root", null, "device.revoke", "kiosk-" + i, "ok", CancellationToken.None);
        await using var c = await Database.OpenAsync(CancellationToken.None);
        await Assert.ThrowsAnyAsync<Exception>(() => c.ExecuteAsync("UPDATE fleet_audit SET outcome = 'denied' WHERE seq = 3"));
        await Assert.ThrowsAnyAsync<Exception>(() => c.ExecuteAsync("DELETE FROM fleet_audit WHERE seq = 3"));
        Assert.True((await audit.VerifyAsync(CancellationToken.None)).Intact);

        await c.ExecuteAsync(DisableAppendOnlySql);
        await c.ExecuteAsync("UPDATE fleet_audit SET target = 'kiosk-someone-else' WHERE seq = 3");
        var altered = await audit.VerifyAsync(CancellationToken.None);
        Assert.False(altered.Intact);
        Assert.Equal(3, altered.FirstBrokenSeq);
        Assert.Equal("altered record", altered.Problem);
    }

    [Fact]
    public async Task A_removed_record_or_a_cut_tail_is_detected()
    {
        var audit = await AuditAsync();
        for (var i = 0; i < 4; i++) await audit.RecordAsync("root", null, "token.create", "store-" + i, "ok", CancellationToken.None);
        await using var c = await Database.OpenAsync(CancellationToken.None);
        await c.ExecuteAsync(DisableAppendOnlySql);
        await c.ExecuteAsync("DELETE FROM fleet_audit WHERE seq = 4");
        var cut = await audit.VerifyAsync(CancellationToken.None);
        Assert.False(cut.Intact);
        Assert.StartsWith("head does not match", cut.Problem);
        await c.ExecuteAsync("DELETE FROM fleet_audit WHERE seq = 2");
        var gap = await audit.VerifyAsync(CancellationToken.None);
        Assert.False(gap.Intact);
        Assert.Equal(2, gap.FirstBrokenSeq);
        Assert.Equal("missing record", gap.Problem);
    }
}

/// <summary>SQLite: a fresh file per test.</summary>
public sealed class SqliteFleetAuditChainTests : FleetAuditChainTests, IDisposable
{
    private readonly TempFolder _folder = new("kiosk-fleet-audit-", SqliteConnection.ClearAllPools);
    private readonly SqliteDatabase _database;

    public SqliteFleetAuditChainTests() => _database = new SqliteDatabase("Data Source=" + Path.Combine(_folder.Path, "bridge.db"));

    protected override IDatabase Database => _database;

    protected override string DisableAppendOnlySql => "DROP TRIGGER fleet_audit_no_update; DROP TRIGGER fleet_audit_no_delete";

    [Fact]
    public async Task An_edit_to_the_database_file_itself_is_detected()
    {
        var audit = new FleetAudit(Database, TimeProvider.System);
        await new Migrator(Database, TimeProvider.System).MigrateAsync(CancellationToken.None);
        await FleetSchema.EnsureAsync(Database, CancellationToken.None);
        await audit.RecordAsync("root", null, "admin.create", "alice-admin-0001", "ok", CancellationToken.None);
        await using (var c = await Database.OpenAsync(CancellationToken.None)) await c.ExecuteAsync("PRAGMA wal_checkpoint(TRUNCATE)");
        SqliteConnection.ClearAllPools();
        // Same length, so the page stays well-formed: only the chain can tell.
        var file = Path.Combine(_folder.Path, "bridge.db");
        var bytes = File.ReadAllBytes(file);
        var needle = "alice-admin-0001"u8.ToArray();
        var at = bytes.AsSpan().IndexOf(needle);
        Assert.True(at > 0);
        "mallory-admin-01"u8.CopyTo(bytes.AsSpan(at));
        File.WriteAllBytes(file, bytes);
        var verification = await audit.VerifyAsync(CancellationToken.None);
        Assert.False(verification.Intact);
        Assert.Equal("altered record", verification.Problem);
    }

    public void Dispose() => _folder.Dispose();
}

/// <summary>PostgreSQL: a fresh database per test on the run's server.</summary>
public sealed class PostgresFleetAuditChainTests : FleetAuditChainTests, IAsyncLifetime
{
    private readonly PostgresDatabase _database = new(PostgresServer.Shared.CreateDatabase("fleetaudit"));

    protected override IDatabase Database => _database;

    protected override string DisableAppendOnlySql => "ALTER TABLE fleet_audit DISABLE TRIGGER fleet_audit_no_update";

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _database.DisposeAsync();
}
