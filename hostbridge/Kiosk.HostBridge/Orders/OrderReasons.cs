namespace Kiosk.HostBridge.Orders;

/// <summary>
/// The <c>reason</c> codes an order can end with (besides <see cref="Printing.PrintReasons"/> and the municipality's refusal
/// codes). The terminal shows a message for each; a test fails when one has no text in a terminal language.
/// </summary>
public static class OrderReasons
{
    /// <summary>Orphaned by a bridge crash (before the terminal had the payment code, or a print whose job cannot be asked).</summary>
    public const string BridgeRestart = "bridge-restart";
    /// <summary>The printer restarted and no longer knows the job; the money is refunded, a sheet may be in the tray.</summary>
    public const string PrinterLostJob = "printer-lost-job";
    /// <summary>The printer ended the job (aborted or cancelled on its own).</summary>
    public const string PrinterFailed = "printer-failed";
    /// <summary>The municipality could not be asked or answered with an error.</summary>
    public const string IssuanceFailed = "issuance-failed";
    /// <summary>The municipality's document was for another certificate; it was discarded.</summary>
    public const string IssuanceMismatch = "issuance-mismatch";
    /// <summary>The order's deadline passed (or the municipality call timed out); the session ended too.</summary>
    public const string Timeout = "timeout";
    /// <summary>The session is no longer authenticated (closed, expired) when the order was about to move on.</summary>
    public const string SessionEnded = "session-ended";
    /// <summary>The session or card no longer matches the order's binding.</summary>
    public const string BindingMismatch = "binding-mismatch";
    /// <summary>The resident cancelled.</summary>
    public const string CancelledByResident = "cancelled-by-resident";
    /// <summary>The terminal closed the session.</summary>
    public const string SessionClosed = "session-closed";
    /// <summary>The terminal opened a new session while this one was open.</summary>
    public const string SessionSuperseded = "session-superseded";
    /// <summary>Starting the payment failed; nothing was charged.</summary>
    public const string PaymentFailed = "payment-failed";
    /// <summary>The pay-at-register code expired before the register confirmed it; nothing was charged.</summary>
    public const string PaymentExpired = "payment-expired";
    /// <summary>The store has no printer in the bridge's directory (removed from the configuration after the order was placed).</summary>
    public const string NoPrinterForStore = "no-printer-for-store";

    /// <summary>Every code above.</summary>
    public static readonly IReadOnlyList<string> All =
    [
        BridgeRestart, PrinterLostJob, PrinterFailed, IssuanceFailed, IssuanceMismatch, Timeout, SessionEnded, BindingMismatch,
        CancelledByResident, SessionClosed, SessionSuperseded, PaymentFailed, PaymentExpired, NoPrinterForStore,
    ];
}
