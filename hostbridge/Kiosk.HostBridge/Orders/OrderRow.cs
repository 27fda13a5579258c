namespace Kiosk.HostBridge.Orders;

/// <summary>An order as stored: bound to one device, one session and one certificate serial hash for its whole life.</summary>
public sealed class OrderRow
{
    public string OrderId { get; set; } = "";
    public string SessionId { get; set; } = "";
    public string DeviceId { get; set; } = "";
    public string StoreId { get; set; } = "";
    public string IdempotencyKey { get; set; } = "";
    public string RequestHash { get; set; } = "";
    public string SerialHash { get; set; } = "";
    public string ReceiptCode { get; set; } = "";
    public string Product { get; set; } = "";
    public string Options { get; set; } = "[]";
    public string Members { get; set; } = "[]";
    public long Copies { get; set; }
    public long? Year { get; set; }
    public long FeeYen { get; set; }
    public string State { get; set; } = "";
    public string? Reason { get; set; }
    public string? PaymentId { get; set; }
    public string? PaymentCode { get; set; }
    public string? PrintJobId { get; set; }

    /// <summary>The printer (Printing:Printers id) the order was sent to when it went to printing; null before that.</summary>
    public string? PrinterId { get; set; }
    public long CreatedAt { get; set; }
    public long UpdatedAt { get; set; }
    public long DeadlineAt { get; set; }
    public long Version { get; set; }

    /// <summary>True once nothing more will happen to the order.</summary>
    public bool IsFinal => OrderStates.IsFinal(State);
}

/// <summary>Order states on the wire and in the database.</summary>
public static class OrderStates
{
    /// <summary>Row written, payment not yet started (internal; shown to the terminal as awaiting-payment).</summary>
    public const string Creating = "creating";
    public const string AwaitingPayment = "awaiting-payment";
    public const string Paid = "paid";
    public const string Issuing = "issuing";
    public const string Printing = "printing";
    public const string Printed = "printed";
    public const string Failed = "failed";
    public const string Cancelled = "cancelled";
    public const string Refunded = "refunded";

    /// <summary>True for printed, failed, cancelled, refunded.</summary>
    public static bool IsFinal(string state) => state is Printed or Failed or Cancelled or Refunded;

    /// <summary>The state the terminal sees.</summary>
    public static string OnWire(string state) => state == Creating ? AwaitingPayment : state;
}
