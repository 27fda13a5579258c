namespace Kiosk.HostBridge.Payments;

/// <summary>One stored pay-at-register payment (a row of kiosk_payments).</summary>
public sealed class PaymentRecord
{
    /// <summary>Opaque payment id.</summary>
    public string PaymentId { get; set; } = "";
    /// <summary>The one order this payment belongs to.</summary>
    public string OrderId { get; set; } = "";
    /// <summary>The 12-digit code the resident shows at the register.</summary>
    public string Code { get; set; } = "";
    /// <summary>Amount in yen.</summary>
    public int AmountYen { get; set; }
    /// <summary>awaiting-payment, authorised, captured, voided, refunded or expired.</summary>
    public string State { get; set; } = PaymentSteps.AwaitingPayment;
    /// <summary>Store that confirmed it, once confirmed.</summary>
    public string? StoreId { get; set; }
    /// <summary>Why it was voided or refunded.</summary>
    public string? Reason { get; set; }
    /// <summary>Creation time, Unix milliseconds.</summary>
    public long CreatedAtMs { get; set; }
    /// <summary>Code expiry, Unix milliseconds.</summary>
    public long ExpiresAtMs { get; set; }
    /// <summary>Last change, Unix milliseconds.</summary>
    public long UpdatedAtMs { get; set; }
}
