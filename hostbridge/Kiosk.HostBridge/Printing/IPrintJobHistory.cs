namespace Kiosk.HostBridge.Printing;

/// <summary>Optional printer capability: every job the printer still knows for an order, ended or not, with its state. Used
/// after a bridge restart to learn what became of an order whose job id was never recorded.</summary>
public interface IPrintJobHistory
{
    /// <summary>The order's jobs (pending, processing, completed, aborted, cancelled); null when the printer cannot be asked now.</summary>
    Task<IReadOnlyList<PrintJobRecord>?> FindJobsAsync(string orderId, CancellationToken ct);
}

/// <summary>A job the printer knows, as listed by <see cref="IPrintJobHistory"/>.</summary>
public sealed record PrintJobRecord(PrintJobHandle Handle, PrintJobState State);
