namespace Kiosk.HostBridge.Printing;

/// <summary>Reason codes the printing side reports; the first two are protocol problem codes shown to the resident.</summary>
public static class PrintReasons
{
    /// <summary>Printer offline, stopped, busy past the deadline, or it lost the job.</summary>
    public const string PrinterUnavailable = "printer-unavailable";
    /// <summary>The printer reports media-empty.</summary>
    public const string OutOfPaper = "printer-out-of-paper";
    /// <summary>The printer refused the job for now (server-error-busy); the gate retries within its deadline.</summary>
    public const string Busy = "printer-busy";
    /// <summary>The job did not end within the deadline; it was cancelled together with the order.</summary>
    public const string Timeout = "print-timeout";
    /// <summary>The order no longer belongs to this session and certificate; nothing was submitted.</summary>
    public const string BindingLost = "binding-lost";
    /// <summary>The caller cancelled (session ended, card removed) before the job ended.</summary>
    public const string Cancelled = "cancelled";
    /// <summary>Capturing the money failed after submission; the job was cancelled.</summary>
    public const string PaymentFailed = "payment-failed";

    /// <summary>Maps printer-state-reasons to the code the resident sees.</summary>
    public static string FromPrinterReasons(IReadOnlyList<string> reasons)
    {
        foreach (var r in reasons)
        {
            if (r == "media-empty" || r == "media-needed")
            {
                return OutOfPaper;
            }
        }
        return PrinterUnavailable;
    }

    /// <summary>The problem code (docs/kiosk-protocol.md) the resident's screen shows for a print failure reason.</summary>
    public static string ToProblemCode(string reason) => reason switch
    {
        OutOfPaper => OutOfPaper,
        PaymentFailed => PaymentFailed,
        _ => PrinterUnavailable,
    };
}
