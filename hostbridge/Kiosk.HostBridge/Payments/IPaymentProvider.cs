namespace Kiosk.HostBridge.Payments;

/// <summary>The store's way of taking money; captured only together with a submitted print job, voided otherwise.</summary>
public interface IPaymentProvider
{
    /// <summary>Starts a payment for an order; returns what the terminal shows (a short payment code, or nothing when free).</summary>
    Task<PaymentIntent> CreateAsync(string orderId, int amountYen, CancellationToken ct);

    /// <summary>True once the money is authorised (for pay-at-register: the POS confirmed the code).</summary>
    Task<bool> IsAuthorisedAsync(string paymentId, CancellationToken ct);

    /// <summary>Captures authorised money; called only once the print job was accepted.</summary>
    Task CaptureAsync(string paymentId, CancellationToken ct);

    /// <summary>Voids an uncaptured payment or refunds a captured one.</summary>
    Task VoidOrRefundAsync(string paymentId, string reason, CancellationToken ct);
}

/// <summary>A started payment: its id and the code to show (null when nothing needs paying).</summary>
public sealed record PaymentIntent(string PaymentId, string? PaymentCode, int AmountYen);
