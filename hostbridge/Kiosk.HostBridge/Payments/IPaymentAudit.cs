namespace Kiosk.HostBridge.Payments;

/// <summary>Receives every step of a payment (implemented by the bridge's audit log; a logger-backed one is the default).</summary>
public interface IPaymentAudit
{
    /// <summary>Records one payment step.</summary>
    Task RecordAsync(PaymentAuditEvent e, CancellationToken ct);
}

/// <summary>One audited payment step: ids and amounts only, never the payment code in full.</summary>
public sealed record PaymentAuditEvent(string PaymentId, string OrderId, string Step, int AmountYen, string? Detail, DateTimeOffset At);

/// <summary>Steps a payment goes through; also its stored states.</summary>
public static class PaymentSteps
{
    /// <summary>Started; the code is shown at the terminal.</summary>
    public const string Created = "created";
    /// <summary>Waiting at the register (stored state of a created payment).</summary>
    public const string AwaitingPayment = "awaiting-payment";
    /// <summary>The store's POS confirmed the money was taken.</summary>
    public const string Authorised = "authorised";
    /// <summary>Bound to a submitted print job.</summary>
    public const string Captured = "captured";
    /// <summary>Released before capture (nothing printed).</summary>
    public const string Voided = "voided";
    /// <summary>Given back after capture (the job failed).</summary>
    public const string Refunded = "refunded";
    /// <summary>The code expired before the store confirmed it.</summary>
    public const string Expired = "expired";
    /// <summary>The POS tried a confirmation that was refused.</summary>
    public const string ConfirmRefused = "confirm-refused";
}
