using Kiosk.HostBridge.Payments;

namespace Kiosk.HostBridge.Orders;

/// <summary>What the order pipeline needs to recover orders orphaned by a crash: how long an order may sit in a transient
/// state before it counts as orphaned, and the payment store (absent when a host supplies its own payment provider).</summary>
public sealed record OrderRecoveryContext(TimeSpan Grace, IPaymentStore? PaymentStore);
