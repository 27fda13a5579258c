using Dapper;
using Kiosk.HostBridge.Payments;
using Kiosk.HostBridge.Storage;

namespace Kiosk.HostBridge.Orders;

/// <summary>
/// Money left behind by a crash: an order is ended first and its payment voided or refunded right after, so a crash in
/// between leaves a failed, cancelled or refunded order whose payment is still awaiting, authorised or captured. This sweep
/// gives that money back. It runs when the worker starts and then every few minutes, over orders ended recently.
/// </summary>
public sealed class PaymentSettlementSweep(IDatabase database, IPaymentProvider payments, OrderRecoveryContext recovery, TimeProvider clock,
    ILogger<PaymentSettlementSweep> logger)
{
    private static readonly HashSet<string> Unsettled = new(StringComparer.Ordinal)
    {
        PaymentSteps.AwaitingPayment, PaymentSteps.Authorised, PaymentSteps.Captured,
    };

    /// <summary>Voids or refunds the payments of orders that ended without paper within <paramref name="window"/>; returns how many.</summary>
    public async Task<int> RunAsync(TimeSpan window, CancellationToken ct)
    {
        if (recovery.PaymentStore is null) return 0;
        var since = clock.GetUtcNow().Subtract(window).ToUnixTimeMilliseconds();
        List<(string OrderId, string PaymentId)> ended;
        await using (var c = await database.OpenAsync(ct))
        {
            ended = (await c.QueryAsync<(string, string)>("""
                SELECT order_id, payment_id FROM orders
                WHERE state IN ('failed', 'cancelled', 'refunded') AND payment_id IS NOT NULL AND updated_at >= @since
                """, new { since })).ToList();
        }
        var settled = 0;
        foreach (var (orderId, paymentId) in ended)
        {
            var payment = await recovery.PaymentStore.FindAsync(paymentId, ct);
            if (payment is null || !Unsettled.Contains(payment.State)) continue;
            await payments.VoidOrRefundAsync(paymentId, "settled-after-restart", ct);
            logger.LogWarning("Order {OrderId} had ended without paper but its payment was still {State}; given back", orderId, payment.State);
            settled++;
        }
        return settled;
    }
}
