using Kiosk.HostBridge.Sessions;

namespace Kiosk.HostBridge.Orders;

/// <summary>The one rule for whether an order still belongs to its session: the same terminal, the same card, a live authenticated session.</summary>
public static class OrderSessionBinding
{
    /// <summary>Null while <paramref name="order"/> is bound to <paramref name="session"/> at <paramref name="nowMs"/>; otherwise the order reason that says why not.</summary>
    public static string? Problem(OrderRow order, SessionRow? session, long nowMs)
    {
        if (session is null || session.SessionId != order.SessionId || session.State != SessionStates.Authenticated) return OrderReasons.SessionEnded;
        if (session.DeviceId != order.DeviceId || session.SerialHash != order.SerialHash) return OrderReasons.BindingMismatch;
        if (session.ExpiresAt <= nowMs) return OrderReasons.Timeout;
        return null;
    }
}
