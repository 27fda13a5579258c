namespace Kiosk.HostBridge.Printing;

/// <summary>The printer could not take or report a job; <see cref="Reason"/> is a protocol problem code for the resident's screen.</summary>
public sealed class PrinterException : Exception
{
    /// <summary>A printer failure with its problem code (printer-unavailable, printer-out-of-paper ...).</summary>
    public PrinterException(string reason, string message, Exception? inner = null, bool mayHaveBeenAccepted = false) : base(message, inner)
    {
        Reason = reason;
        MayHaveBeenAccepted = mayHaveBeenAccepted;
    }

    /// <summary>Problem code from docs/kiosk-protocol.md.</summary>
    public string Reason { get; }

    /// <summary>True when a submission failed after the document may have reached the printer (lost or garbled answer):
    /// the job may exist and print, so it must be looked up and cancelled.</summary>
    public bool MayHaveBeenAccepted { get; }
}
