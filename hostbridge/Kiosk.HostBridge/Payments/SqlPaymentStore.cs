using System.Data.Common;
using Dapper;

namespace Kiosk.HostBridge.Payments;

/// <summary>Dapper store of payments on SQLite (embedded default) or PostgreSQL; the SQL is the common subset of both.</summary>
public sealed class SqlPaymentStore(Func<DbConnection> connect) : IPaymentStore
{
    private const string Columns = "payment_id AS PaymentId, order_id AS OrderId, code AS Code, amount_yen AS AmountYen, state AS State, " +
        "store_id AS StoreId, reason AS Reason, created_at_ms AS CreatedAtMs, expires_at_ms AS ExpiresAtMs, updated_at_ms AS UpdatedAtMs";

    /// <inheritdoc />
    public async Task MigrateAsync(CancellationToken ct)
    {
        await using var db = await OpenAsync(ct).ConfigureAwait(false);
        await using var tx = await db.BeginTransactionAsync(ct).ConfigureAwait(false);
        if (db is Npgsql.NpgsqlConnection)
        {
            // CREATE TABLE IF NOT EXISTS races on PostgreSQL when two instances start together; serialise as the bridge's migrator does.
            await db.ExecuteAsync(new CommandDefinition(Storage.Migrator.PostgresSchemaLock, transaction: tx, cancellationToken: ct)).ConfigureAwait(false);
        }
        await db.ExecuteAsync(new CommandDefinition(PaymentSchema.Migration001, transaction: tx, cancellationToken: ct)).ConfigureAwait(false);
        await tx.CommitAsync(ct).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<bool> TryInsertAsync(PaymentRecord r, CancellationToken ct)
    {
        await using var db = await OpenAsync(ct).ConfigureAwait(false);
        var rows = await db.ExecuteAsync(new CommandDefinition(
            "INSERT INTO kiosk_payments (payment_id, order_id, code, amount_yen, state, store_id, reason, created_at_ms, expires_at_ms, updated_at_ms) " +
            "VALUES (@PaymentId, @OrderId, @Code, @AmountYen, @State, @StoreId, @Reason, @CreatedAtMs, @ExpiresAtMs, @UpdatedAtMs) ON CONFLICT DO NOTHING",
            r, cancellationToken: ct)).ConfigureAwait(false);
        return rows == 1;
    }

    /// <inheritdoc />
    public async Task<PaymentRecord?> FindAsync(string paymentId, CancellationToken ct)
    {
        await using var db = await OpenAsync(ct).ConfigureAwait(false);
        return await db.QuerySingleOrDefaultAsync<PaymentRecord>(new CommandDefinition(
            "SELECT " + Columns + " FROM kiosk_payments WHERE payment_id = @paymentId", new { paymentId }, cancellationToken: ct)).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<PaymentRecord?> FindByOrderAsync(string orderId, CancellationToken ct)
    {
        await using var db = await OpenAsync(ct).ConfigureAwait(false);
        return await db.QuerySingleOrDefaultAsync<PaymentRecord>(new CommandDefinition(
            "SELECT " + Columns + " FROM kiosk_payments WHERE order_id = @orderId", new { orderId }, cancellationToken: ct)).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<PaymentRecord?> FindByCodeAsync(string code, CancellationToken ct)
    {
        await using var db = await OpenAsync(ct).ConfigureAwait(false);
        return await db.QuerySingleOrDefaultAsync<PaymentRecord>(new CommandDefinition(
            "SELECT " + Columns + " FROM kiosk_payments WHERE code = @code", new { code }, cancellationToken: ct)).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<bool> TransitionAsync(string paymentId, string from, string to, string? storeId, string? reason, long nowMs, CancellationToken ct)
    {
        await using var db = await OpenAsync(ct).ConfigureAwait(false);
        var rows = await db.ExecuteAsync(new CommandDefinition(
            "UPDATE kiosk_payments SET state = @to, store_id = COALESCE(@storeId, store_id), reason = COALESCE(@reason, reason), updated_at_ms = @nowMs " +
            "WHERE payment_id = @paymentId AND state = @from",
            new { paymentId, from, to, storeId, reason, nowMs }, cancellationToken: ct)).ConfigureAwait(false);
        return rows == 1;
    }

    private async Task<DbConnection> OpenAsync(CancellationToken ct)
    {
        var db = connect();
        await db.OpenAsync(ct).ConfigureAwait(false);
        return db;
    }
}
