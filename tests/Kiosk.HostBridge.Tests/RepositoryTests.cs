using Dapper;
using Kiosk.HostBridge.Audit;
using Kiosk.HostBridge.Orders;
using Kiosk.HostBridge.Sessions;
using Kiosk.HostBridge.Storage;
using Kiosk.TestSupport;

namespace Kiosk.HostBridge.Tests;

/// <summary>The same repository tests on SQLite (embedded default) and on a PostgreSQL started by the test run.</summary>
public abstract class RepositoryTests
{
    protected abstract IDatabase Database { get; }

    /// <summary>SQL that lets the test alter an audit row behind the append-only trigger (to prove the verifier catches it).</summary>
    protected abstract string DisableAppendOnlySql { get; }

    private static readonly TimeProvider Clock = TimeProvider.System;

    protected async Task EnsureSchemaAsync()
    {
        await new Migrator(Database, Clock).MigrateAsync(CancellationToken.None);
        await using var c = await Database.OpenAsync(CancellationToken.None);
        await c.ExecuteAsync("INSERT INTO stores (store_id, municipality_code, name) VALUES ('s1', '131016', 'Store') ON CONFLICT DO NOTHING");
        await c.ExecuteAsync("""
            INSERT INTO devices (device_id, store_id, cert_serial, cert_not_after, enrolled_at) VALUES ('d1', 's1', 'AA', 0, 0)
            ON CONFLICT DO NOTHING
            """);
    }

    [Fact]
    public async Task Migrations_apply_once()
    {
        await EnsureSchemaAsync();
        Assert.Empty(await new Migrator(Database, Clock).MigrateAsync(CancellationToken.None));
        await using var c = await Database.OpenAsync(CancellationToken.None);
        Assert.Equal(Migrations.All.Count, await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM schema_migrations"));
    }

    [Fact]
    public async Task Concurrent_audit_appends_form_one_unbroken_chain()
    {
        await EnsureSchemaAsync();
        var audit = new AuditLog(Database, Clock);
        var before = (await audit.ReadAsync(null, CancellationToken.None)).Count;
        await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(() =>
            audit.AppendAsync(new AuditEntry("test", "ok", "d1", "s1", Product: "p" + i), CancellationToken.None))));
        var records = await audit.ReadAsync(null, CancellationToken.None);
        Assert.Equal(before + 40, records.Count);
        Assert.Equal(Enumerable.Range(1, records.Count).Select(i => (long)i), records.Select(r => r.Seq));
        var verification = await audit.VerifyAsync(CancellationToken.None);
        Assert.True(verification.Intact, verification.Problem);
    }

    [Fact]
    public async Task Audit_is_append_only_and_tampering_is_detected()
    {
        await EnsureSchemaAsync();
        var audit = new AuditLog(Database, Clock);
        var marker = "juminhyo-" + Guid.NewGuid().ToString("N")[..8];
        await audit.AppendAsync(new AuditEntry("test", "ok", "d1", "s1", Product: marker), CancellationToken.None);
        await audit.AppendAsync(new AuditEntry("test", "ok", "d1", "s1", Product: "inkan"), CancellationToken.None);
        var record = (await audit.ReadAsync(null, CancellationToken.None)).Single(r => r.Entry.Product == marker);
        await using var c = await Database.OpenAsync(CancellationToken.None);
        await Assert.ThrowsAnyAsync<Exception>(() => c.ExecuteAsync("UPDATE audit SET product = 'koseki' WHERE seq = @Seq", new { record.Seq }));
        await Assert.ThrowsAnyAsync<Exception>(() => c.ExecuteAsync("DELETE FROM audit WHERE seq = @Seq", new { record.Seq }));
        Assert.True((await audit.VerifyAsync(CancellationToken.None)).Intact);

        await c.ExecuteAsync(DisableAppendOnlySql);
        await c.ExecuteAsync("UPDATE audit SET product = 'koseki' WHERE seq = @Seq", new { record.Seq });
        var verification = await audit.VerifyAsync(CancellationToken.None);
        Assert.False(verification.Intact);
        Assert.Equal(record.Seq, verification.FirstBrokenSeq);
    }

    [Fact]
    public async Task One_active_session_per_device_is_a_database_constraint()
    {
        await EnsureSchemaAsync();
        var store = new SessionStore(Database);
        await using var c = await Database.OpenAsync(CancellationToken.None);
        await StartSessionAsync(c, store, NewSession());
        await using var tx2 = await Database.BeginWriteAsync(c, CancellationToken.None);
        var e = await Assert.ThrowsAnyAsync<Exception>(() => store.InsertAsync(c, tx2, NewSession()));
        Assert.True(Database.IsUniqueViolation(e), e.GetType().Name);
    }

    [Fact]
    public async Task Idempotency_key_is_unique_per_device()
    {
        await EnsureSchemaAsync();
        var sessions = new SessionStore(Database);
        var orders = new OrderStore(Database, Clock);
        var session = NewSession();
        await using var c = await Database.OpenAsync(CancellationToken.None);
        await StartSessionAsync(c, sessions, session);
        var key = Guid.NewGuid().ToString();
        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(async () =>
        {
            await using var cc = await Database.OpenAsync(CancellationToken.None);
            await using var tx = await Database.BeginWriteAsync(cc, CancellationToken.None);
            try
            {
                await orders.InsertAsync(cc, tx, NewOrder(session.SessionId, key));
                await tx.CommitAsync();
                return "inserted";
            }
            catch (Exception e) when (Database.IsUniqueViolation(e))
            {
                return "duplicate";
            }
        })));
        Assert.Single(results, r => r == "inserted");
        Assert.Equal(5, results.Count(r => r == "duplicate"));
        var stored = await orders.GetByKeyAsync("d1", key, CancellationToken.None);
        Assert.NotNull(stored);

        // Compare-and-set transitions: the second mover with the same seen version loses.
        await using var c2 = await Database.OpenAsync(CancellationToken.None);
        Assert.True(await orders.TransitionAsync(c2, null, stored, OrderStates.AwaitingPayment));
        Assert.False(await orders.TransitionAsync(c2, null, stored, OrderStates.Cancelled));
    }

    [Fact]
    public async Task An_order_read_with_its_session_matches_reading_each_alone()
    {
        await EnsureSchemaAsync();
        var sessions = new SessionStore(Database);
        var orders = new OrderStore(Database, Clock);
        var session = NewSession();
        session.CreatedAt -= 5_000;   // differs from the order's, so a column mapped to the wrong row shows
        await using var c = await Database.OpenAsync(CancellationToken.None);
        var order = NewOrder(session.SessionId, Guid.NewGuid().ToString());
        await AuthenticateWithOrderAsync(c, sessions, orders, session, "serial-" + session.SessionId, order, "RC-1");
        Assert.NotNull(await orders.TransitionReturningAsync(c, null, order, OrderStates.AwaitingPayment, paymentId: "pay-1", paymentCode: "1234"));
        var orderId = (await orders.OpenOrdersAsync(session.SessionId, CancellationToken.None)).Single().OrderId;

        var (joinedOrder, joinedSession) = await orders.GetWithSessionAsync(orderId, CancellationToken.None);

        Assert.Equal(JsonOf(await orders.GetAsync(orderId, CancellationToken.None)), JsonOf(joinedOrder));
        Assert.Equal(JsonOf(await sessions.GetAsync(session.SessionId, CancellationToken.None)), JsonOf(joinedSession));
        Assert.Equal(SessionStates.Authenticated, joinedSession!.State);
        Assert.Equal(OrderStates.AwaitingPayment, joinedOrder!.State);
        Assert.NotEqual(joinedOrder.Version, joinedSession.Version);
        Assert.Equal((null, null), await orders.GetWithSessionAsync("no-such-order", CancellationToken.None));
    }

    [Fact]
    public async Task The_print_gates_binding_check_follows_the_stored_order_and_its_session()
    {
        await EnsureSchemaAsync();
        var ct = CancellationToken.None;
        var start = DateTimeOffset.UtcNow;
        var clock = new Kiosk.HostBridge.Tests.PrintingTests.ManualTime(start);
        var sessions = new SessionStore(Database);
        var orders = new OrderStore(Database, Clock);
        var check = new OrderBindingCheck(orders, clock);
        var session = NewSession();
        var serial = "serial-" + session.SessionId;
        var order = NewOrder(session.SessionId, Guid.NewGuid().ToString());
        order.SerialHash = serial;
        order.DeadlineAt = session.ExpiresAt - 30_000;   // the order's deadline comes before the session's expiry
        await using var c = await Database.OpenAsync(ct);
        await AuthenticateWithOrderAsync(c, sessions, orders, session, serial, order, "RC-2");

        Assert.False(await check.IsStillBoundAsync(order.OrderId, session.SessionId, serial, ct));   // not issuing yet: nothing may print
        Assert.NotNull(await orders.TransitionReturningAsync(c, null, order, OrderStates.Issuing));
        Assert.True(await check.IsStillBoundAsync(order.OrderId, session.SessionId, serial, ct));
        Assert.False(await check.IsStillBoundAsync(order.OrderId, "another-session", serial, ct));
        Assert.False(await check.IsStillBoundAsync(order.OrderId, session.SessionId, "another-card", ct));
        Assert.False(await check.IsStillBoundAsync("no-such-order", session.SessionId, serial, ct));

        var toDeadline = DateTimeOffset.FromUnixTimeMilliseconds(order.DeadlineAt) - start;
        clock.Advance(toDeadline);
        Assert.False(await check.IsStillBoundAsync(order.OrderId, session.SessionId, serial, ct));
        clock.Advance(-toDeadline);
        Assert.True(await check.IsStillBoundAsync(order.OrderId, session.SessionId, serial, ct));

        await using (var tx = await Database.BeginWriteAsync(c, ct))
        {
            Assert.True(await sessions.EndAsync(c, tx, session.SessionId, SessionStates.Closed, "test"));
            await tx.CommitAsync();
        }
        Assert.False(await check.IsStillBoundAsync(order.OrderId, session.SessionId, serial, ct));
    }

    /// <summary>Ends device d1's active sessions and inserts this one (the device may have only one active).</summary>
    private async Task StartSessionAsync(System.Data.Common.DbConnection c, SessionStore sessions, SessionRow session)
    {
        await using var tx = await Database.BeginWriteAsync(c, CancellationToken.None);
        foreach (var s in await sessions.LockActiveForDeviceAsync(c, tx, "d1")) await sessions.EndAsync(c, tx, s.SessionId, SessionStates.Closed, "test");
        await sessions.InsertAsync(c, tx, session);
        await tx.CommitAsync();
    }

    /// <summary>Starts <paramref name="session"/>, authenticates it for the card <paramref name="serialHash"/> and inserts <paramref name="order"/>
    /// in the same transaction (receipt codes are unique per database).</summary>
    private async Task AuthenticateWithOrderAsync(System.Data.Common.DbConnection c, SessionStore sessions, OrderStore orders, SessionRow session,
        string serialHash, OrderRow order, string receiptCode)
    {
        await StartSessionAsync(c, sessions, session);
        Assert.True(await sessions.ConsumeChallengeAsync(session.SessionId, CancellationToken.None));
        await using var tx = await Database.BeginWriteAsync(c, CancellationToken.None);
        Assert.True(await sessions.MarkAuthenticatedAsync(c, tx, session.SessionId, serialHash, "sealed", "131016", receiptCode));
        await orders.InsertAsync(c, tx, order);
        await tx.CommitAsync();
    }

    private static string JsonOf(object? row) => System.Text.Json.JsonSerializer.Serialize(row);

    private static SessionRow NewSession()
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        return new SessionRow
        {
            SessionId = Guid.NewGuid().ToString("N"), DeviceId = "d1", StoreId = "s1", State = SessionStates.Open, Challenge = "AA==",
            CreatedAt = now, ExpiresAt = now + 60_000, MaxExpiresAt = now + 60_000,
        };
    }

    private static OrderRow NewOrder(string sessionId, string key)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        return new OrderRow
        {
            OrderId = Guid.NewGuid().ToString("N"), SessionId = sessionId, DeviceId = "d1", StoreId = "s1", IdempotencyKey = key, RequestHash = "h",
            SerialHash = "sh", ReceiptCode = "R", Product = "juminhyo", Copies = 1, FeeYen = 200, State = OrderStates.Creating, CreatedAt = now,
            UpdatedAt = now, DeadlineAt = now + 60_000,
        };
    }
}

public sealed class SqliteRepositoryTests : RepositoryTests, IDisposable
{
    private readonly TempFolder _temp = new("kiosk-repo-", Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools);
    private string _folder => _temp.Path;

    public SqliteRepositoryTests() => Database = new SqliteDatabase("Data Source=" + Path.Combine(_folder, "repo.db"));

    protected override IDatabase Database { get; }

    protected override string DisableAppendOnlySql => "DROP TRIGGER audit_no_update";

    public void Dispose()
    {
        _temp.Dispose();
    }
}

/// <summary>A fresh database per test class on the run's PostgreSQL server.</summary>
public sealed class PostgresDatabaseFixture : IAsyncDisposable
{
    public PostgresDatabaseFixture() => Database = new PostgresDatabase(PostgresServer.Shared.CreateDatabase("repo"));

    public PostgresDatabase Database { get; }

    public ValueTask DisposeAsync() => Database.DisposeAsync();
}

public sealed class PostgresRepositoryTests(PostgresDatabaseFixture fixture) : RepositoryTests, IClassFixture<PostgresDatabaseFixture>
{
    protected override IDatabase Database => fixture.Database;

    protected override string DisableAppendOnlySql => "ALTER TABLE audit DISABLE TRIGGER audit_no_update";
}
