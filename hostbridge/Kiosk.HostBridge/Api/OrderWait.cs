using Kiosk.HostBridge.Orders;

namespace Kiosk.HostBridge.Api;

/// <summary>Reads the long-poll query of <c>GET /v1/orders/{oid}</c>: <c>wait</c> (ms, 0–60000, cut to
/// <see cref="OrderService.MaxWaitMs"/>) and <c>state</c> (the wire state the terminal already knows). Neither given: a plain read.</summary>
public static class OrderWait
{
    private static readonly string[] WireStates =
    [
        OrderStates.AwaitingPayment, OrderStates.Paid, OrderStates.Issuing, OrderStates.Printing, OrderStates.Printed,
        OrderStates.Failed, OrderStates.Cancelled, OrderStates.Refunded,
    ];

    /// <summary>True with the wait and known state when the poll asks to wait; false for a plain read; 400 bad-request when malformed.</summary>
    public static bool TryRead(IQueryCollection query, out TimeSpan wait, out string? knownState)
    {
        wait = TimeSpan.Zero;
        knownState = null;
        var rawWait = query["wait"];
        var rawState = query["state"];
        if (rawWait.Count == 0 && rawState.Count == 0) return false;
        if (rawWait.Count != 1 || rawState.Count != 1) throw new KioskProblemException("bad-request", "wait and state go together, once each.");
        var w = rawWait[0]!;
        if (w.Length is 0 or > 5 || !w.All(char.IsAsciiDigit) || int.Parse(w, System.Globalization.CultureInfo.InvariantCulture) > 60000)
            throw new KioskProblemException("bad-request", "wait must be 0 to 60000 ms.");
        knownState = Array.Find(WireStates, s => s == rawState[0])
            ?? throw new KioskProblemException("bad-request", "state is not an order state.");
        wait = TimeSpan.FromMilliseconds(Math.Min(int.Parse(w, System.Globalization.CultureInfo.InvariantCulture), OrderService.MaxWaitMs));
        return wait > TimeSpan.Zero;
    }
}
