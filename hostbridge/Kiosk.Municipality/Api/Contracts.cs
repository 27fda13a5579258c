namespace Kiosk.Municipality.Api;

/// <summary>POST /v1/residents/resolve: the JPKI auth certificate that authenticated the resident.</summary>
public sealed record ResolveRequest(string? CertificateSerial, string? Issuer);

/// <summary>The resident a certificate belongs to, as an opaque handle.</summary>
public sealed record ResolveResponse(string MunicipalityCode, string MunicipalityName, string ResidentId, string CertificateSerial);

/// <summary>A resident handle plus the certificate serial that authenticated it (POST /v1/offers).</summary>
public sealed record ResidentRefDto(string? MunicipalityCode, string? ResidentId, string? CertificateSerial);

/// <summary>What a resident may get now.</summary>
public sealed record OffersResponse(string MunicipalityCode, string ResidentId, DateTimeOffset EvaluatedAt, IReadOnlyList<ProductOfferDto> Products);

/// <summary>One product, available or refused with a reason and messages a terminal can show.</summary>
public sealed record ProductOfferDto(
    string Code, string Title, bool Available, string? ReasonCode, string? Message, string? MessageEn,
    int FeeYen, int MaxCopies, IReadOnlyList<OptionDto> Options, IReadOnlyList<MemberDto> Members, IReadOnlyList<int> Years);

/// <summary>An on/off option; Default is always false (個人番号 and the rest are printed only when asked).</summary>
public sealed record OptionDto(string Code, string Label, bool Default);

/// <summary>A household member for a 住民票の写し; the name is masked (山田 *郎) so a bystander learns little.</summary>
public sealed record MemberDto(string MemberId, string Relationship, bool IsApplicant, string MaskedName);

/// <summary>POST /v1/quotes and the body of POST /v1/issuances (which adds RequestId).</summary>
public sealed record OrderRequest(
    string? RequestId, string? MunicipalityCode, string? ResidentId, string? CertificateSerial, string? ProductCode,
    IReadOnlyList<string>? Options, IReadOnlyList<string>? MemberIds, int? Copies, int? Year);

/// <summary>The price of an order.</summary>
public sealed record QuoteResponse(string ProductCode, string Title, int FeeYen, int Copies, int TotalYen, int Pages);

/// <summary>An issued document; the PDF is inline so the document and its binding travel together.</summary>
public sealed record IssueResponse(
    string DocumentId, string RequestId, string SubjectCertificateSerial, string ProductCode, int Copies, int Pages,
    int FeeYen, int TotalYen, DateTimeOffset IssuedAt, string VerificationCode, string PdfSha256, string PdfBase64);

/// <summary>POST /v1/documents/verify: either the document id and short code, or the QR text.</summary>
public sealed record VerifyRequest(string? DocumentId, string? Code, string? Qr);

/// <summary>Whether a printed paper is genuine; no personal data is returned.</summary>
public sealed record VerifyResponse(
    bool Valid, string? DocumentId, string? MunicipalityCode, string? MunicipalityName, string? ProductCode,
    string? Title, DateTimeOffset? IssuedAt, int? Copies, int? Pages);
