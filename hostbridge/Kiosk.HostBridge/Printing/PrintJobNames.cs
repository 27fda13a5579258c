namespace Kiosk.HostBridge.Printing;

/// <summary>The job-name a printer records for a job, so each sheet can be traced to its order and document.</summary>
public static class PrintJobNames
{
    /// <summary>"order-&lt;orderId&gt;-doc-&lt;documentId&gt;"; ids are the bridge's own opaque ids, never personal data.</summary>
    public static string For(string orderId, string documentId) => "order-" + orderId + "-doc-" + documentId;

    /// <summary>True when a job-name read back from a printer is the one this order's job was submitted with.</summary>
    public static bool BelongsTo(string? jobName, string orderId) =>
        jobName is not null && jobName.StartsWith("order-" + orderId + "-doc-", StringComparison.Ordinal);
}
