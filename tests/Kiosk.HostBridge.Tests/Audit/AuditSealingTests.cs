using Dapper;
using Kiosk.HostBridge.Audit;
using Kiosk.HostBridge.Storage;
using Kiosk.TestSupport;

namespace Kiosk.HostBridge.Tests.Audit;

/// <summary>Appends queue inside their transaction and are chained later in batches: on a real PostgreSQL, where several writers
/// (and several bridge instances) run at once, nothing is lost, nothing is chained twice and a rolled-back step leaves no record.</summary>
public sealed class AuditSealingTests : IAsyncLifetime
{
    private readonly PostgresDatabase _database = new(PostgresServer.Shared.CreateDatabase("sealing"));

    public async Task InitializeAsync() => await new Migrator(_database, TimeProvider.System).MigrateAsync(CancellationToken.None);

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task An_append_that_commits_after_a_later_one_was_sealed_is_still_chained()
    {
        var audit = new AuditLog(_database, TimeProvider.System);
        await using var slow = await _database.OpenAsync(CancellationToken.None);
        await using var slowTx = await _database.BeginWriteAsync(slow, CancellationToken.None);
        await audit.AppendAsync(slow, slowTx, new AuditEntry("test", "slow"));   // takes the lower id, commits last

        await audit.AppendAsync(new AuditEntry("test", "fast"), CancellationToken.None);
        Assert.Equal(1, await audit.SealAsync(CancellationToken.None));
        Assert.Equal(["fast"], (await audit.ReadAsync(null, CancellationToken.None)).Select(r => r.Entry.Outcome));

        await slowTx.CommitAsync();
        Assert.Equal(1, await audit.SealAsync(CancellationToken.None));
        var records = await audit.ReadAsync(null, CancellationToken.None);
        Assert.Equal(["fast", "slow"], records.Select(r => r.Entry.Outcome));
        Assert.Equal(0, await PendingAsync());
        var verification = await audit.VerifyAsync(CancellationToken.None);
        Assert.True(verification.Intact, verification.Problem);
    }

    [Fact]
    public async Task A_rolled_back_step_leaves_no_record()
    {
        var audit = new AuditLog(_database, TimeProvider.System);
        await using (var c = await _database.OpenAsync(CancellationToken.None))
        {
            await using var tx = await _database.BeginWriteAsync(c, CancellationToken.None);
            await audit.AppendAsync(c, tx, new AuditEntry("test", "rolled-back"));
            await tx.RollbackAsync();
        }
        await audit.AppendAsync(new AuditEntry("test", "kept"), CancellationToken.None);
        var records = await audit.ReadAsync(null, CancellationToken.None);
        Assert.Equal(["kept"], records.Select(r => r.Entry.Outcome));
    }

    [Fact]
    public async Task Two_instances_appending_and_sealing_at_once_form_one_chain_with_every_record_once()
    {
        // Two AuditLogs over two connection pools stand for two bridge instances on one database.
        await using var otherDatabase = new PostgresDatabase(ConnectionStringOf(_database));
        var first = new AuditLog(_database, TimeProvider.System);
        var second = new AuditLog(otherDatabase, TimeProvider.System);
        using var stop = new CancellationTokenSource();
        var sealers = new[] { SealUntil(first, stop.Token), SealUntil(second, stop.Token) };
        await Task.WhenAll(Enumerable.Range(0, 400).Select(i => Task.Run(async () =>
        {
            var log = i % 2 == 0 ? first : second;
            var db = i % 2 == 0 ? _database : otherDatabase;
            await using var c = await db.OpenAsync(CancellationToken.None);
            await using var tx = await db.BeginWriteAsync(c, CancellationToken.None);
            await log.AppendAsync(c, tx, new AuditEntry("test", "n" + i));
            await tx.CommitAsync();
        })));
        await stop.CancelAsync();
        await Task.WhenAll(sealers);

        var records = await first.ReadAsync(null, CancellationToken.None);
        Assert.Equal(400, records.Count);
        Assert.Equal(400, records.Select(r => r.Entry.Outcome).Distinct().Count());
        Assert.Equal(Enumerable.Range(1, 400).Select(i => (long)i), records.Select(r => r.Seq));
        var verification = await second.VerifyAsync(CancellationToken.None);
        Assert.True(verification.Intact, verification.Problem);
    }

    [Fact]
    public async Task Deleting_a_chained_record_is_caught_by_the_verifier()
    {
        var audit = new AuditLog(_database, TimeProvider.System);
        for (var i = 0; i < 3; i++) await audit.AppendAsync(new AuditEntry("test", "n" + i), CancellationToken.None);
        Assert.True((await audit.VerifyAsync(CancellationToken.None)).Intact);
        await using var c = await _database.OpenAsync(CancellationToken.None);
        await c.ExecuteAsync("ALTER TABLE audit DISABLE TRIGGER audit_no_update; DELETE FROM audit WHERE seq = 3");
        var verification = await audit.VerifyAsync(CancellationToken.None);
        Assert.False(verification.Intact);
        Assert.Equal("head does not match", verification.Problem);
    }

    private static async Task SealUntil(AuditLog log, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            await log.SealAsync(CancellationToken.None);
            await Task.Yield();
        }
    }

    private async Task<long> PendingAsync()
    {
        await using var c = await _database.OpenAsync(CancellationToken.None);
        return await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM audit_pending");
    }

    private static string ConnectionStringOf(PostgresDatabase database)
    {
        using var c = database.OpenAsync(CancellationToken.None).GetAwaiter().GetResult();
        return ((Npgsql.NpgsqlConnection)c).ConnectionString;
    }
}
