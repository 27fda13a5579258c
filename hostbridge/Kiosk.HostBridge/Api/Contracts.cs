namespace Kiosk.HostBridge.Api;

// Wire shapes of protocol v1 (docs/kiosk-protocol.md). Requests are sealed classes with required members so the strict
// reader rejects missing and unknown fields; responses are records.

/// <summary>Body of POST /v1/sessions: empty object.</summary>
public sealed class OpenSessionRequest;

/// <summary>Answer to POST /v1/sessions.</summary>
public sealed record OpenSessionResponse(string SessionId, string Challenge, DateTimeOffset ExpiresAt, int TtlSeconds);

/// <summary>Body of POST /v1/sessions/{sid}/authenticate.</summary>
public sealed class AuthenticateRequest
{
    /// <summary>Card auth certificate, DER, base64.</summary>
    public required string Certificate { get; init; }

    /// <summary>PKCS#1 v1.5 signature over DigestInfo(SHA-256(challenge)), base64.</summary>
    public required string Signature { get; init; }
}

/// <summary>Answer to authenticate.</summary>
public sealed record AuthenticateResponse(string MunicipalityCode, string MunicipalityName, string ReceiptCode);

/// <summary>Answer to GET products.</summary>
public sealed record ProductsResponse(IReadOnlyList<ProductDto> Products);

/// <summary>One product offer on the wire; <c>years</c> lists the fiscal years an order may name (empty: no year).</summary>
public sealed record ProductDto(string Code, bool Available, string? Reason, int FeeYen, int MaxCopies, IReadOnlyList<OptionDto> Options,
    IReadOnlyList<MemberDto> Members, IReadOnlyList<int> Years);

/// <summary>A product option on the wire.</summary>
public sealed record OptionDto(string Code, bool Default);

/// <summary>A household member on the wire (opaque id, relationship code).</summary>
public sealed record MemberDto(string Id, string Relationship, bool Applicant);

/// <summary>Body of POST orders.</summary>
public sealed class PlaceOrderRequest
{
    /// <summary>Product code.</summary>
    public required string Product { get; init; }

    /// <summary>Option codes switched on.</summary>
    public string[] Options { get; init; } = [];

    /// <summary>Household member ids to include.</summary>
    public string[] Members { get; init; } = [];

    /// <summary>Number of copies (1..maxCopies).</summary>
    public required int Copies { get; init; }

    /// <summary>Tax year for income certificates, else null.</summary>
    public int? Year { get; init; }
}

/// <summary>Answer to POST orders.</summary>
public sealed record PlaceOrderResponse(string OrderId, string State, int FeeYen, string? PaymentCode);

/// <summary>Answer to GET order.</summary>
public sealed record OrderStatusResponse(string OrderId, string State, string? PaymentCode, string? Reason);

/// <summary>Answer to cancel.</summary>
public sealed record CancelOrderResponse(string OrderId, string State);

/// <summary>Body of POST /v1/heartbeat.</summary>
public sealed class HeartbeatRequest
{
    /// <summary>Firmware version string.</summary>
    public required string FirmwareVersion { get; init; }

    /// <summary>Application version string.</summary>
    public required string AppVersion { get; init; }

    /// <summary>Free heap in bytes.</summary>
    public required int FreeHeap { get; init; }

    /// <summary>Largest free block in bytes.</summary>
    public required int LargestFreeBlock { get; init; }

    /// <summary>Reader state code.</summary>
    public required string ReaderState { get; init; }

    /// <summary>Printer state code as the terminal sees it.</summary>
    public required string PrinterState { get; init; }

    /// <summary>Seconds since boot.</summary>
    public required int UptimeSeconds { get; init; }

    /// <summary>Terminal session state name.</summary>
    public required string State { get; init; }
}

/// <summary>Answer to heartbeat.</summary>
public sealed record HeartbeatResponse(DateTimeOffset ServerTime);
