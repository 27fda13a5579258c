namespace Kiosk.Municipality.Domain;

/// <summary>A seal registration (印鑑登録).</summary>
public sealed class SealRecord
{
    public string ResidentId { get; set; } = "";
    public string RegistrationNumber { get; set; } = "";
    public string RegisteredOn { get; set; } = "";
    /// <summary>active or abolished (廃止).</summary>
    public string Status { get; set; } = "active";
    public string? AbolishedOn { get; set; }
    /// <summary>The characters carved on the seal, drawn as the impression.</summary>
    public string Impression { get; set; } = "";

    public bool IsActive => Status == "active";
}

/// <summary>One fiscal year's income and resident-tax figures (所得・課税).</summary>
public sealed class TaxRecord
{
    public string ResidentId { get; set; } = "";
    /// <summary>The tax year (年度); the income is of the previous calendar year.</summary>
    public int FiscalYear { get; set; }
    public long SalaryIncome { get; set; }
    public long TotalIncome { get; set; }
    public long Deductions { get; set; }
    public long TaxableIncome { get; set; }
    public long MunicipalTax { get; set; }
    public long PrefecturalTax { get; set; }
}

/// <summary>A family register (戸籍) kept by the municipality of its 本籍.</summary>
public sealed class FamilyRegisterRecord
{
    public string RegisterId { get; set; } = "";
    public string MunicipalityCode { get; set; } = "";
    public string Honseki { get; set; } = "";
    public string Hittosha { get; set; } = "";
    public string FormedOn { get; set; } = "";
}

/// <summary>A person recorded in a family register.</summary>
public sealed class FamilyRegisterMemberRecord
{
    public string RegisterId { get; set; } = "";
    public int Position { get; set; }
    /// <summary>The matching resident, when the person is on this service's resident register.</summary>
    public string? ResidentId { get; set; }
    public string FamilyName { get; set; } = "";
    public string GivenName { get; set; } = "";
    public string BirthDate { get; set; } = "";
    public string Sex { get; set; } = "";
    public string Father { get; set; } = "";
    public string Mother { get; set; } = "";
    /// <summary>父母との続柄 or 配偶者 (e.g. 長男, 妻).</summary>
    public string Relationship { get; set; } = "";
    /// <summary>身分事項 lines separated by newlines.</summary>
    public string Events { get; set; } = "";
    /// <summary>除籍: left the register (marriage, death).</summary>
    public bool Removed { get; set; }

    public string FullName => FamilyName + "\u3000" + GivenName;
}

/// <summary>One line of a resident's address history, printed on the 戸籍の附票.</summary>
public sealed class AddressHistoryRecord
{
    public string ResidentId { get; set; } = "";
    public int Position { get; set; }
    public string Address { get; set; } = "";
    public string FromDate { get; set; } = "";
}

/// <summary>An issued document as stored: the idempotency key, binding to the card, and the PDF.</summary>
public sealed class IssuedDocumentRecord
{
    public string DocumentId { get; set; } = "";
    public string RequestId { get; set; } = "";
    /// <summary>SHA-256 of the canonical request, to tell a retry from a reused request id.</summary>
    public string RequestHash { get; set; } = "";
    public string MunicipalityCode { get; set; } = "";
    public string ResidentId { get; set; } = "";
    public string SubjectCertificateSerial { get; set; } = "";
    public string ProductCode { get; set; } = "";
    public int Copies { get; set; }
    public int Pages { get; set; }
    public int FeeYen { get; set; }
    public int TotalYen { get; set; }
    /// <summary>Round-trip ISO 8601 instant of issuance.</summary>
    public string IssuedAt { get; set; } = "";
    public string PdfSha256 { get; set; } = "";
    public string VerificationCode { get; set; } = "";
    public byte[] Pdf { get; set; } = [];
}
