namespace Kiosk.HostBridge.Payments;

/// <summary>Told when a store confirms a payment, so the order behind it can move on at once instead of at the order
/// worker's next tick. Optional: without one registered, the worker's polling alone advances the order.</summary>
public interface IPaymentEvents
{
    /// <summary>The payment of <paramref name="orderId"/> was just authorised at the register; must not block.</summary>
    void Authorised(string orderId);
}
