using Kiosk.HostBridge.Audit;
using Kiosk.HostBridge.Printing;

namespace Kiosk.HostBridge.Orders;

/// <summary>Writes each print gate step into the bridge's chained audit log as step <c>print</c>, outcome = the gate's step.</summary>
public sealed class BridgePrintAudit(AuditLog audit, OrderStore orders, ILogger<BridgePrintAudit> logger) : IPrintAudit
{
    /// <inheritdoc />
    public async Task RecordAsync(PrintAuditEvent e, CancellationToken ct)
    {
        try
        {
            await audit.AppendAsync(await OrderAuditEntries.ForAsync(orders, e.OrderId, "print", e.Step, e.SessionId, ct), ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The gate must go on ending the job and settling the money even when the audit store hiccups.
            logger.LogError("Print audit step {Step} for order {OrderId} not recorded: {Error}", e.Step, e.OrderId, ex.GetType().Name);
        }
    }
}

/// <summary>Writes each payment step into the bridge's chained audit log as step <c>payment</c>, outcome = the payment step.</summary>
public sealed class BridgePaymentAudit(AuditLog audit, OrderStore orders, ILogger<BridgePaymentAudit> logger) : Payments.IPaymentAudit
{
    /// <inheritdoc />
    public async Task RecordAsync(Payments.PaymentAuditEvent e, CancellationToken ct)
    {
        try
        {
            await audit.AppendAsync(await OrderAuditEntries.ForAsync(orders, e.OrderId, "payment", e.Step, null, ct), ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError("Payment audit step {Step} for order {OrderId} not recorded: {Error}", e.Step, e.OrderId, ex.GetType().Name);
        }
    }
}

/// <summary>Builds an audit entry carrying the order's own ids, so gate and payment steps sit beside the order's transitions.</summary>
internal static class OrderAuditEntries
{
    public static async Task<AuditEntry> ForAsync(OrderStore orders, string orderId, string step, string outcome, string? sessionId, CancellationToken ct)
    {
        var o = string.IsNullOrEmpty(orderId) ? null : await orders.GetAsync(orderId, ct);
        return o is null
            ? new AuditEntry(step, outcome, SessionId: sessionId, OrderId: string.IsNullOrEmpty(orderId) ? null : orderId)
            : new AuditEntry(step, outcome, o.DeviceId, o.StoreId, o.SessionId, o.OrderId, o.SerialHash, o.ReceiptCode, o.Product);
    }
}
