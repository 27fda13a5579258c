namespace Kiosk.HostBridge.Issuance;

/// <summary>The bridge's seam to a municipal issuance service (the open municipal API, or one day a J-LIS centre adapter).</summary>
public interface IIssuanceBackend
{
    /// <summary>Finds the resident whose JPKI auth certificate has this serial and issuer; null when unknown.</summary>
    Task<ResidentRef?> ResolveResidentAsync(string certificateSerialHex, string issuerDn, CancellationToken ct);

    /// <summary>What this resident may get now, each product with fee, options and, when refused, a reason code.</summary>
    Task<IReadOnlyList<ProductOffer>> ListProductsAsync(ResidentRef resident, DateTimeOffset now, CancellationToken ct);

    /// <summary>Issues the document; the request id makes retries return the same document, never a second one.</summary>
    Task<IssuedDocument> IssueAsync(IssueRequest request, CancellationToken ct);
}

/// <summary>An opaque handle for a resident at one municipality; never a My Number.</summary>
public sealed record ResidentRef(string MunicipalityCode, string ResidentId, string CertificateSerialHex);

/// <summary>One product the resident may (or may not, with a reason) order now; <paramref name="Years"/> are the fiscal years
/// the municipality can issue it for (income/tax certificates; null or empty when the product takes no year).</summary>
public sealed record ProductOffer(
    string Code,
    bool Available,
    string? ReasonCode,
    int FeeYen,
    int MaxCopies,
    IReadOnlyList<ProductOption> Options,
    IReadOnlyList<HouseholdMember> Members,
    IReadOnlyList<int>? Years = null)
{
    /// <summary>The offered fiscal years, never null.</summary>
    public IReadOnlyList<int> OfferedYears => Years ?? [];
}

/// <summary>An on/off option of a product (for example 個人番号 on a 住民票の写し, off unless asked).</summary>
public sealed record ProductOption(string Code, bool Default);

/// <summary>A household member that can be included on a 住民票の写し; the id is opaque and display text is masked.</summary>
public sealed record HouseholdMember(string MemberId, string Relationship, bool IsApplicant);

/// <summary>An issuance request bound to one order and the certificate serial that authenticated it.</summary>
public sealed record IssueRequest(
    string RequestId,
    ResidentRef Resident,
    string ProductCode,
    IReadOnlyList<string> Options,
    IReadOnlyList<string> MemberIds,
    int Copies,
    int? Year);

/// <summary>The issued document; <see cref="SubjectCertificateSerialHex"/> lets the bridge check it is for the authenticated card.</summary>
public sealed record IssuedDocument(string DocumentId, string SubjectCertificateSerialHex, byte[] Pdf, int Pages);

/// <summary>Thrown when the municipality refuses an issuance with a reason code the terminal can show.</summary>
public sealed class IssuanceRefusedException(string reasonCode, string message) : Exception(message)
{
    /// <summary>The machine-readable reason (for example <c>moved-out</c>, <c>outside-hours</c>).</summary>
    public string ReasonCode { get; } = reasonCode;
}
