namespace Kiosk.HostBridge.Issuance;

// The JSON shapes of the open municipal API (docs/municipal-api.openapi.yaml), as the bridge reads them.

internal sealed record WireResolved(string MunicipalityCode, string MunicipalityName, string ResidentId, string CertificateSerial);

internal sealed record WireOffers(string MunicipalityCode, string ResidentId, IReadOnlyList<WireOffer> Products);

internal sealed record WireOffer(string Code, string Title, bool Available, string? ReasonCode, string? Message, int FeeYen,
    int MaxCopies, IReadOnlyList<WireOption> Options, IReadOnlyList<WireMember> Members, IReadOnlyList<int> Years);

internal sealed record WireOption(string Code, string Label, bool Default);

internal sealed record WireMember(string MemberId, string Relationship, bool IsApplicant, string MaskedName);

internal sealed record WireIssued(string DocumentId, string RequestId, string SubjectCertificateSerial, string ProductCode,
    int Copies, int Pages, int FeeYen, int TotalYen, DateTimeOffset IssuedAt, string VerificationCode, string PdfSha256, string PdfBase64);

internal sealed record WireProblem(string? Code, string? Title, string? Detail, string? ReasonCode, string? Message, int? Status);

/// <summary>The price of an order as the municipality quotes it.</summary>
public sealed record MunicipalQuote(string ProductCode, string Title, int FeeYen, int Copies, int TotalYen, int Pages);

/// <summary>The result of checking a printed document's verification code.</summary>
public sealed record DocumentVerification(bool Valid, string? DocumentId, string? MunicipalityName, string? ProductCode, string? Title,
    DateTimeOffset? IssuedAt, int? Copies, int? Pages);
