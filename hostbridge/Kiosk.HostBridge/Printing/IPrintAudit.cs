namespace Kiosk.HostBridge.Printing;

/// <summary>Receives every step of a print job (implemented by the bridge's audit log; a logger-backed one is the default).</summary>
public interface IPrintAudit
{
    /// <summary>Records one step; must not throw for ordinary failures of the audit sink.</summary>
    Task RecordAsync(PrintAuditEvent e, CancellationToken ct);
}

/// <summary>One audited print step. Carries ids and hashes only, never document content or personal data.</summary>
public sealed record PrintAuditEvent(string OrderId, string SessionId, string Step, string? JobId, string? Detail, DateTimeOffset At);

/// <summary>Steps the print gate audits.</summary>
public static class PrintAuditSteps
{
    /// <summary>Printer status was checked before submission.</summary>
    public const string PrinterChecked = "printer-checked";
    /// <summary>The binding was confirmed just before submission.</summary>
    public const string BindingConfirmed = "binding-confirmed";
    /// <summary>The binding no longer held: nothing was submitted.</summary>
    public const string BindingLost = "binding-lost";
    /// <summary>The printer accepted the job.</summary>
    public const string Submitted = "submitted";
    /// <summary>The job printed.</summary>
    public const string Completed = "completed";
    /// <summary>The job failed or timed out; the order must end.</summary>
    public const string Failed = "failed";
    /// <summary>A cancel was sent for the job.</summary>
    public const string CancelRequested = "cancel-requested";
    /// <summary>The cancel could not be confirmed; the printer is held until the job is resolved.</summary>
    public const string CancelUnconfirmed = "cancel-unconfirmed";
    /// <summary>An earlier unresolved job was found ended; the printer is free again.</summary>
    public const string Resolved = "resolved";
    /// <summary>The document bytes were wiped from the bridge's memory.</summary>
    public const string DocumentWiped = "document-wiped";
}
