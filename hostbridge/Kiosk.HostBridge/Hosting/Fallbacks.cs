using Kiosk.HostBridge.Issuance;
using Kiosk.HostBridge.Payments;
using Kiosk.HostBridge.Printing;

namespace Kiosk.HostBridge.Hosting;

/// <summary>Used when no municipality is configured: every resident is unknown and issuance refuses, and /readyz says why.</summary>
public sealed class UnconfiguredIssuanceBackend : IIssuanceBackend
{
    /// <inheritdoc />
    public Task<ResidentRef?> ResolveResidentAsync(string certificateSerialHex, string issuerDn, CancellationToken ct) => Task.FromResult<ResidentRef?>(null);

    /// <inheritdoc />
    public Task<IReadOnlyList<ProductOffer>> ListProductsAsync(ResidentRef resident, DateTimeOffset now, CancellationToken ct)
        => Task.FromResult<IReadOnlyList<ProductOffer>>([]);

    /// <inheritdoc />
    public Task<IssuedDocument> IssueAsync(IssueRequest request, CancellationToken ct)
        => throw new IssuanceRefusedException("issuance-failed", "No issuance backend is configured.");
}

/// <summary>Used when no printer is configured: never ready, so orders fail with printer-unavailable before any money is captured.</summary>
public sealed class UnconfiguredPrinter : IPrinter
{
    /// <inheritdoc />
    public Task<PrinterStatus> GetStatusAsync(CancellationToken ct) => Task.FromResult(new PrinterStatus(false, ["not-configured"]));

    /// <inheritdoc />
    public Task<PrintJobHandle> SubmitAsync(PrintJob job, CancellationToken ct) => throw new InvalidOperationException("No printer is configured.");

    /// <inheritdoc />
    public Task<PrintJobState> GetJobStateAsync(PrintJobHandle handle, CancellationToken ct) => Task.FromResult(PrintJobState.Unknown);

    /// <inheritdoc />
    public Task CancelAsync(PrintJobHandle handle, CancellationToken ct) => Task.CompletedTask;
}

/// <summary>Fee-waived payments until the store's payment provider is configured: nothing to pay, always authorised.</summary>
public sealed class WaivedPaymentProvider : IPaymentProvider
{
    /// <inheritdoc />
    public Task<PaymentIntent> CreateAsync(string orderId, int amountYen, CancellationToken ct)
        => Task.FromResult(new PaymentIntent("waived-" + orderId, null, 0));

    /// <inheritdoc />
    public Task<bool> IsAuthorisedAsync(string paymentId, CancellationToken ct) => Task.FromResult(paymentId.StartsWith("waived-", StringComparison.Ordinal));

    /// <inheritdoc />
    public Task CaptureAsync(string paymentId, CancellationToken ct) => Task.CompletedTask;

    /// <inheritdoc />
    public Task VoidOrRefundAsync(string paymentId, string reason, CancellationToken ct) => Task.CompletedTask;
}
