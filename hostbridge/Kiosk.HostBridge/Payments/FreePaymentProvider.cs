namespace Kiosk.HostBridge.Payments;

/// <summary>Campaign/free mode: nothing to pay, no code shown; every step is still audited so the order's trail is complete.</summary>
public sealed class FreePaymentProvider(IPaymentAudit audit, TimeProvider? time = null) : IPaymentProvider
{
    private const string Prefix = "free-";
    private readonly TimeProvider clock = time ?? TimeProvider.System;

    /// <inheritdoc />
    public async Task<PaymentIntent> CreateAsync(string orderId, int amountYen, CancellationToken ct)
    {
        var id = Prefix + orderId;
        await RecordAsync(id, PaymentSteps.Created, "free (fee waived: " + amountYen + " yen)").ConfigureAwait(false);
        return new PaymentIntent(id, null, 0);
    }

    /// <inheritdoc />
    public Task<bool> IsAuthorisedAsync(string paymentId, CancellationToken ct) => Task.FromResult(paymentId.StartsWith(Prefix, StringComparison.Ordinal));

    /// <inheritdoc />
    public Task CaptureAsync(string paymentId, CancellationToken ct) => RecordAsync(paymentId, PaymentSteps.Captured, "free");

    /// <inheritdoc />
    public Task VoidOrRefundAsync(string paymentId, string reason, CancellationToken ct) => RecordAsync(paymentId, PaymentSteps.Voided, reason);

    private Task RecordAsync(string paymentId, string step, string detail) =>
        audit.RecordAsync(new PaymentAuditEvent(paymentId, OrderOf(paymentId), step, 0, detail, clock.GetUtcNow()), CancellationToken.None);

    private static string OrderOf(string paymentId) =>
        paymentId.StartsWith(Prefix, StringComparison.Ordinal) ? paymentId[Prefix.Length..] : paymentId;
}
