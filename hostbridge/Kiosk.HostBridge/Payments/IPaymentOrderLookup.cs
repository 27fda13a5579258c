namespace Kiosk.HostBridge.Payments;

/// <summary>What the register payment needs to know of orders: whether a payment's order has already ended.</summary>
/// <remarks>An order is ended first and its payment voided right after; a fault in between (the database restarting, the bridge
/// killed) leaves the code awaiting payment until the settlement sweep. Asked at confirmation, so the register never takes money
/// for an order that can no longer print.</remarks>
public interface IPaymentOrderLookup
{
    /// <summary>True when the order is in a final state (printed, failed, cancelled or refunded).</summary>
    Task<bool> OrderEndedAsync(string orderId, CancellationToken ct);
}
