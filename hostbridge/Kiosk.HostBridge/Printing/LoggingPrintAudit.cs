using Microsoft.Extensions.Logging;

namespace Kiosk.HostBridge.Printing;

/// <summary>Default print audit: structured log lines, until the bridge registers its own audit log.</summary>
public sealed class LoggingPrintAudit(ILogger<LoggingPrintAudit> logger) : IPrintAudit
{
    /// <inheritdoc />
    public Task RecordAsync(PrintAuditEvent e, CancellationToken ct)
    {
        logger.LogInformation("print {Step} order={OrderId} session={SessionId} job={JobId} {Detail}", e.Step, e.OrderId, e.SessionId, e.JobId, e.Detail);
        return Task.CompletedTask;
    }
}
