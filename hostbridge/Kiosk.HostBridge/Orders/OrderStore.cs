using System.Data.Common;
using Dapper;
using Kiosk.HostBridge.Sessions;
using Kiosk.HostBridge.Storage;

namespace Kiosk.HostBridge.Orders;

/// <summary>Order rows; every state change is a compare-and-set on (state, version) so concurrent instances never both act.</summary>
public sealed class OrderStore(IDatabase database, TimeProvider clock) : Payments.IPaymentOrderLookup
{
    /// <summary>Wake-ups for long-polling terminals; whoever commits a state change signals it here.</summary>
    public OrderChanges Changes { get; } = new();

    /// <summary>Reads an order.</summary>
    public async Task<OrderRow?> GetAsync(string orderId, CancellationToken ct)
    {
        await using var c = await database.OpenAsync(ct);
        return await c.QuerySingleOrDefaultAsync<OrderRow>("SELECT * FROM orders WHERE order_id = @orderId", new { orderId });
    }

    /// <inheritdoc />
    public async Task<bool> OrderEndedAsync(string orderId, CancellationToken ct) => (await GetAsync(orderId, ct))?.IsFinal == true;

    /// <summary>Reads an order and its session in one statement (the session is null when its row is gone), for callers that
    /// check the session on every read: the order poll and the print claim.</summary>
    public async Task<(OrderRow? Order, SessionRow? Session)> GetWithSessionAsync(string orderId, CancellationToken ct)
    {
        await using var c = await database.OpenAsync(ct);
        // Dapper finds the split column searching from the right, so "session_id" splits at the sessions table's first column;
        // a missing session (all its columns null) maps to null.
        var rows = await c.QueryAsync<OrderRow, SessionRow?, (OrderRow, SessionRow?)>("""
            SELECT o.*, s.* FROM orders o LEFT JOIN sessions s ON s.session_id = o.session_id WHERE o.order_id = @orderId
            """, (o, s) => (o, s), new { orderId }, splitOn: "session_id");
        var row = rows.SingleOrDefault();
        return row.Item1 is null ? (null, null) : row;
    }

    /// <summary>The order a device made with an idempotency key.</summary>
    public async Task<OrderRow?> GetByKeyAsync(string deviceId, string key, CancellationToken ct)
    {
        await using var c = await database.OpenAsync(ct);
        return await c.QuerySingleOrDefaultAsync<OrderRow>(
            "SELECT * FROM orders WHERE device_id = @deviceId AND idempotency_key = @key", new { deviceId, key });
    }

    /// <summary>Inserts a new order; the unique (device, idempotency key) constraint makes concurrent duplicates fail here.</summary>
    public Task InsertAsync(DbConnection c, DbTransaction tx, OrderRow o)
        => c.ExecuteAsync("""
            INSERT INTO orders (order_id, session_id, device_id, store_id, idempotency_key, request_hash, serial_hash, receipt_code, product,
                options, members, copies, year, fee_yen, state, reason, payment_id, payment_code, print_job_id, created_at, updated_at,
                deadline_at, version)
            VALUES (@OrderId, @SessionId, @DeviceId, @StoreId, @IdempotencyKey, @RequestHash, @SerialHash, @ReceiptCode, @Product,
                @Options, @Members, @Copies, @Year, @FeeYen, @State, @Reason, @PaymentId, @PaymentCode, @PrintJobId, @CreatedAt, @UpdatedAt,
                @DeadlineAt, 0)
            """, o, tx);

    /// <summary>Moves an order from the state and version the caller saw; false when someone else moved it first.</summary>
    public async Task<bool> TransitionAsync(DbConnection c, DbTransaction? tx, OrderRow seen, string toState, string? reason = null,
        string? paymentId = null, string? paymentCode = null)
        => await TransitionReturningAsync(c, tx, seen, toState, reason, paymentId, paymentCode) is not null;

    /// <summary>Like <see cref="TransitionAsync"/>, answering the row as the move left it (null when someone else moved it first),
    /// so the caller needs no second read.</summary>
    public async Task<OrderRow?> TransitionReturningAsync(DbConnection c, DbTransaction? tx, OrderRow seen, string toState, string? reason = null,
        string? paymentId = null, string? paymentCode = null, string? printerId = null)
        => await c.QuerySingleOrDefaultAsync<OrderRow>("""
            UPDATE orders SET state = @toState, reason = COALESCE(@reason, reason), payment_id = COALESCE(@paymentId, payment_id),
                payment_code = COALESCE(@paymentCode, payment_code), printer_id = COALESCE(@printerId, printer_id), version = version + 1,
                updated_at = @now
            WHERE order_id = @OrderId AND state = @State AND version = @Version
            RETURNING *
            """, new
            {
                toState, reason, paymentId, paymentCode, printerId, now = clock.GetUtcNow().ToUnixTimeMilliseconds(), seen.OrderId, seen.State,
                seen.Version,
            }, tx);

    /// <summary>Records the print job of an order still printing at the given version; false when it was aborted meanwhile.</summary>
    public async Task<bool> SetPrintJobAsync(string orderId, long version, string jobId, CancellationToken ct)
    {
        await using var c = await database.OpenAsync(ct);
        return await c.ExecuteAsync("""
            UPDATE orders SET print_job_id = @jobId, updated_at = @now
            WHERE order_id = @orderId AND state = 'printing' AND version = @version
            """, new { orderId, version, jobId, now = clock.GetUtcNow().ToUnixTimeMilliseconds() }) == 1;
    }

    /// <summary>Orders not yet final.</summary>
    public async Task<IReadOnlyList<OrderRow>> OpenOrdersAsync(string? sessionId, CancellationToken ct)
    {
        await using var c = await database.OpenAsync(ct);
        return (await c.QueryAsync<OrderRow>(
            "SELECT * FROM orders WHERE state IN ('creating', 'awaiting-payment', 'paid', 'issuing', 'printing')"
            + (sessionId is null ? "" : " AND session_id = @sessionId") + " ORDER BY created_at", new { sessionId })).ToList();
    }

    /// <summary>Counts orders (tests and diagnostics).</summary>
    public async Task<long> CountAsync(CancellationToken ct)
    {
        await using var c = await database.OpenAsync(ct);
        return await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM orders");
    }
}
