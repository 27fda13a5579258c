using Kiosk.HostBridge.Printing;

namespace Kiosk.HostBridge.Orders;

/// <summary>The printing side's last question before a job goes out: do this order, session and serial hash still belong together?</summary>
public sealed class OrderBindingCheck(OrderStore orders, TimeProvider clock) : IOrderBindingCheck
{
    /// <inheritdoc />
    public async Task<bool> IsStillBoundAsync(string orderId, string sessionId, string serialHash, CancellationToken ct)
    {
        // The order and its session in one read, as of one moment.
        var (order, session) = await orders.GetWithSessionAsync(orderId, ct);
        if (order is null || order.SessionId != sessionId || order.SerialHash != serialHash) return false;
        if (order.State is not (OrderStates.Issuing or OrderStates.Printing)) return false;
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        return order.DeadlineAt > now && OrderSessionBinding.Problem(order, session, now) is null;
    }
}
