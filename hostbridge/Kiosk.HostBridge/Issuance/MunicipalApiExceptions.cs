namespace Kiosk.HostBridge.Issuance;

/// <summary>The municipal API answered with a client error that is not a refusal (a bug or a stale reference on our side).</summary>
public sealed class MunicipalApiException(int status, string code, string message) : Exception(message)
{
    /// <summary>The HTTP status.</summary>
    public int Status { get; } = status;
    /// <summary>The problem's machine-readable code (e.g. unknown-product, request-id-reused).</summary>
    public string Code { get; } = code;
}

/// <summary>The municipal service cannot be reached now (timeouts, 5xx, or the circuit is open); the order must be aborted whole.</summary>
public sealed class MunicipalServiceUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
