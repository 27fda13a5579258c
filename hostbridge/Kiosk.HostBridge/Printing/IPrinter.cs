namespace Kiosk.HostBridge.Printing;

/// <summary>The store's printer: an IPP printer, or a folder printer for the simulator; one job carries exactly one order.</summary>
public interface IPrinter
{
    /// <summary>Current printer state and reasons (offline, media-empty, stopped ...).</summary>
    Task<PrinterStatus> GetStatusAsync(CancellationToken ct);

    /// <summary>Submits the job; the binding (order, session, serial hash) travels with it and is recorded by the printer.</summary>
    Task<PrintJobHandle> SubmitAsync(PrintJob job, CancellationToken ct);

    /// <summary>Current state of a submitted job.</summary>
    Task<PrintJobState> GetJobStateAsync(PrintJobHandle handle, CancellationToken ct);

    /// <summary>Cancels a job; harmless when it already ended.</summary>
    Task CancelAsync(PrintJobHandle handle, CancellationToken ct);
}

/// <summary>A document to print, bound to one order, one session and one authenticated certificate.</summary>
public sealed record PrintJob(string OrderId, string SessionId, string SerialHash, string DocumentId, byte[] Pdf, int Copies);

/// <summary>The printer's reference to a submitted job.</summary>
public sealed record PrintJobHandle(string OrderId, string JobId);

/// <summary>Printer state: ready or not, and why.</summary>
public sealed record PrinterStatus(bool Ready, IReadOnlyList<string> Reasons);

/// <summary>Where a print job is.</summary>
public enum PrintJobState { Pending, Processing, Completed, Aborted, Cancelled, Unknown }
