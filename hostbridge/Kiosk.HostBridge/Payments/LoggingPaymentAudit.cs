using Microsoft.Extensions.Logging;

namespace Kiosk.HostBridge.Payments;

/// <summary>Default payment audit: structured log lines, until the bridge registers its own audit log.</summary>
public sealed class LoggingPaymentAudit(ILogger<LoggingPaymentAudit> logger) : IPaymentAudit
{
    /// <inheritdoc />
    public Task RecordAsync(PaymentAuditEvent e, CancellationToken ct)
    {
        logger.LogInformation("payment {Step} payment={PaymentId} order={OrderId} yen={AmountYen} {Detail}", e.Step, e.PaymentId, e.OrderId, e.AmountYen, e.Detail);
        return Task.CompletedTask;
    }
}
