namespace Kiosk.Hardware.Emulator.Profiles;

/// <summary>State of a resident's user-authentication certificate.</summary>
public enum AuthCertificateState
{
    /// <summary>No certificate at all (not a My Number Card).</summary>
    None,
    /// <summary>Valid now and not revoked.</summary>
    Valid,
    /// <summary>Past its notAfter (the 5th birthday after issue).</summary>
    Expired,
    /// <summary>Listed in the auth CA's CRL.</summary>
    Revoked,
}

/// <summary>What kind of ISO 14443 Type B card the profile is.</summary>
public enum CardKind
{
    /// <summary>A My Number Card with the JPKI AP and the Card Info Input Support AP.</summary>
    MyNumberCard,
    /// <summary>Some other Type B card (no JPKI AP).</summary>
    OtherTypeB,
}

/// <summary>One emulated card and its holder, as described in Profiles/residents.json.</summary>
public sealed class ResidentProfile
{
    /// <summary>Stable identifier, e.g. <c>tanaka-hanako</c>; derives the certificate serials and keys.</summary>
    public string Id { get; set; } = "";
    /// <summary>What the profile is for (free text).</summary>
    public string Description { get; set; } = "";
    /// <summary>Name as on the residence record (kanji, or Latin letters for many foreign residents).</summary>
    public string Name { get; set; } = "";
    /// <summary>Name in katakana.</summary>
    public string NameKana { get; set; } = "";
    /// <summary>Date of birth.</summary>
    public DateOnly BirthDate { get; set; }
    /// <summary><c>male</c>, <c>female</c> or <c>unspecified</c>.</summary>
    public string Sex { get; set; } = "unspecified";
    /// <summary>Registered address.</summary>
    public string Address { get; set; } = "";
    /// <summary>Six-digit local government code (全国地方公共団体コード) of the municipality of residence.</summary>
    public string MunicipalityCode { get; set; } = "";
    /// <summary>ISO 3166 alpha-2 nationality of a foreign resident; null for Japanese nationals.</summary>
    public string? Nationality { get; set; }
    /// <summary>Twelve-digit individual number with a valid check digit (test data only).</summary>
    public string? MyNumber { get; set; }
    /// <summary>User-authentication PIN (4 digits).</summary>
    public string? AuthPin { get; set; }
    /// <summary>Tries left on the auth PIN when the card is placed (0 = locked).</summary>
    public int AuthPinTriesLeft { get; set; } = 3;
    /// <summary>Signing password (6–16 of A–Z, 0–9).</summary>
    public string? SignPin { get; set; }
    /// <summary>Tries left on the signing password (0 = locked).</summary>
    public int SignPinTriesLeft { get; set; } = 5;
    /// <summary>Card Info Input Support AP PIN (4 digits).</summary>
    public string? SupportPin { get; set; }
    /// <summary>Tries left on the support AP PIN.</summary>
    public int SupportPinTriesLeft { get; set; } = 3;
    /// <summary>Day the certificates were issued; they expire on the 5th birthday after it.</summary>
    public DateOnly? CertificatesIssued { get; set; }
    /// <summary>State of the auth certificate.</summary>
    public AuthCertificateState AuthCertificate { get; set; } = AuthCertificateState.Valid;
    /// <summary>False for residents under 15 (no signing certificate, EF 0001 absent).</summary>
    public bool HasSignCertificate { get; set; } = true;
    /// <summary>My Number Card or another Type B card.</summary>
    public CardKind CardKind { get; set; } = CardKind.MyNumberCard;
    /// <summary>Four-byte PUPI in hex, as reported in the ATQB.</summary>
    public string Pupi { get; set; } = "12345678";

    /// <summary>ISO 5218 sex code as the card stores it: "1" male, "2" female, "9" not applicable.</summary>
    public string SexCode => Sex switch { "male" => "1", "female" => "2", _ => "9" };

    /// <summary>True when the card carries the JPKI AP and certificates.</summary>
    public bool IsMyNumberCard => CardKind == CardKind.MyNumberCard;
}
