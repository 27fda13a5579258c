using Kiosk.HostBridge.Audit;
using Kiosk.HostBridge.Printing;

namespace Kiosk.HostBridge.Orders;

/// <summary>Writes each print gate step into the bridge's chained audit log as step <c>print</c>, outcome = the gate's step.</summary>
public sealed class BridgePrintAudit(AuditLog audit, OrderAuditEntries entries, ILogger<BridgePrintAudit> logger) : IPrintAudit
{
    /// <inheritdoc />
    public async Task RecordAsync(PrintAuditEvent e, CancellationToken ct)
    {
        try
        {
            await audit.AppendAsync(await entries.ForAsync(e.OrderId, "print", e.Step, e.SessionId, ct), ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The gate must go on ending the job and settling the money even when the audit store hiccups.
            logger.LogError("Print audit step {Step} for order {OrderId} not recorded: {Error}", e.Step, e.OrderId, ex.GetType().Name);
        }
    }
}

/// <summary>Writes each payment step into the bridge's chained audit log as step <c>payment</c>, outcome = the payment step.</summary>
public sealed class BridgePaymentAudit(AuditLog audit, OrderAuditEntries entries, ILogger<BridgePaymentAudit> logger) : Payments.IPaymentAudit
{
    /// <inheritdoc />
    public async Task RecordAsync(Payments.PaymentAuditEvent e, CancellationToken ct)
    {
        try
        {
            await audit.AppendAsync(await entries.ForAsync(e.OrderId, "payment", e.Step, null, ct), ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError("Payment audit step {Step} for order {OrderId} not recorded: {Error}", e.Step, e.OrderId, ex.GetType().Name);
        }
    }
}

/// <summary>Builds an audit entry carrying the order's own ids, so gate and payment steps sit beside the order's transitions.</summary>
public sealed class OrderAuditEntries(OrderStore orders)
{
    // The ids an audit entry carries (device, store, session, serial hash, receipt, product) never change after an order is
    // created, so they are read once per order rather than once per gate or payment step. Cleared when full: a miss costs one read.
    private const int CachedOrders = 4096;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, AuditEntry> _identities = new(StringComparer.Ordinal);

    /// <summary>An entry for one step of an order, with the order's ids.</summary>
    public async Task<AuditEntry> ForAsync(string orderId, string step, string outcome, string? sessionId, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(orderId)) return new AuditEntry(step, outcome, SessionId: sessionId);
        if (!_identities.TryGetValue(orderId, out var identity))
        {
            var o = await orders.GetAsync(orderId, ct);
            if (o is null) return new AuditEntry(step, outcome, SessionId: sessionId, OrderId: orderId);
            identity = new AuditEntry("", "", o.DeviceId, o.StoreId, o.SessionId, o.OrderId, o.SerialHash, o.ReceiptCode, o.Product);
            if (_identities.Count >= CachedOrders) _identities.Clear();
            _identities[orderId] = identity;
        }
        return identity with { Step = step, Outcome = outcome };
    }
}
