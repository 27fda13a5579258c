namespace Kiosk.HostBridge.Payments;

/// <summary>A provider that can tell in one read whether a payment is authorised, expired or still pending, so the order
/// worker's pass need not ask <see cref="IPaymentProvider.IsAuthorisedAsync"/> and then read the payment again for its expiry.</summary>
public interface IPaymentStateProbe
{
    /// <summary>Where the payment stands now; a code past its lifetime is marked expired (and audited) as it is read.</summary>
    Task<PaymentProbe> ProbeAsync(string paymentId, CancellationToken ct);
}

/// <summary>What <see cref="IPaymentStateProbe.ProbeAsync"/> found.</summary>
public enum PaymentProbe
{
    /// <summary>Not paid yet (or unknown): nothing to do.</summary>
    Pending,
    /// <summary>The money is authorised (or already captured): the order may go on.</summary>
    Authorised,
    /// <summary>The code expired unpaid: the order ends.</summary>
    Expired,
}
