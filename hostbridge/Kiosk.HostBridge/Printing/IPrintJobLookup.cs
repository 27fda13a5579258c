namespace Kiosk.HostBridge.Printing;

/// <summary>Optional printer capability: find an order's jobs that have not ended, for submissions whose answer was lost.</summary>
public interface IPrintJobLookup
{
    /// <summary>The order's jobs still pending or processing; null when the printer cannot be asked right now.</summary>
    Task<IReadOnlyList<PrintJobHandle>?> FindOpenJobsAsync(string orderId, CancellationToken ct);
}
