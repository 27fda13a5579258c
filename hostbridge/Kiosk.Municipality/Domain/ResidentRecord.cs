namespace Kiosk.Municipality.Domain;

/// <summary>A person on the resident register (住民基本台帳), Japanese or foreign.</summary>
public sealed class ResidentRecord
{
    /// <summary>Opaque register id used in the API; never a My Number.</summary>
    public string ResidentId { get; set; } = "";
    /// <summary>The card profile this resident matches (null for people without a card, e.g. small children).</summary>
    public string? ProfileId { get; set; }
    public string MunicipalityCode { get; set; } = "";
    public string HouseholdId { get; set; } = "";
    public string FamilyName { get; set; } = "";
    public string GivenName { get; set; } = "";
    public string FamilyKana { get; set; } = "";
    public string GivenKana { get; set; } = "";
    /// <summary>yyyy-MM-dd.</summary>
    public string BirthDate { get; set; } = "";
    /// <summary>男 or 女.</summary>
    public string Sex { get; set; } = "";
    /// <summary>続柄 to the householder (本人 for the householder).</summary>
    public string Relationship { get; set; } = "";
    /// <summary>active, moved-out or deceased.</summary>
    public string Status { get; set; } = ResidentStatus.Active;
    /// <summary>Date of the move-out or death (yyyy-MM-dd) when not active.</summary>
    public string? StatusDate { get; set; }
    /// <summary>DV/stalking support measure (支援措置) on this person.</summary>
    public bool Protected { get; set; }
    /// <summary>Synthetic 12-digit number printed only when asked; the check digit is deliberately wrong so it is nobody's.</summary>
    public string MyNumber { get; set; } = "";
    /// <summary>住民となった年月日 (yyyy-MM-dd).</summary>
    public string ResidentSince { get; set; } = "";
    public string? PreviousAddress { get; set; }
    /// <summary>The family register this person is in, when its 本籍 is in this service's data.</summary>
    public string? FamilyRegisterId { get; set; }
    /// <summary>Nationality or region for foreign residents; null for Japanese nationals.</summary>
    public string? Nationality { get; set; }
    public string? ResidenceCardNumber { get; set; }
    public string? ResidenceStatus { get; set; }
    /// <summary>在留期間等の満了の日 (yyyy-MM-dd).</summary>
    public string? ResidencePeriodEnd { get; set; }

    public bool IsForeign => !string.IsNullOrEmpty(Nationality);
    public DateOnly Birth => DateOnly.ParseExact(BirthDate, "yyyy-MM-dd");
    /// <summary>The name as printed: family and given name separated by an ideographic space.</summary>
    public string FullName => FamilyName + "\u3000" + GivenName;
    public string FullKana => FamilyKana + "\u3000" + GivenKana;

    /// <summary>Age in whole years on a given day.</summary>
    public int AgeOn(DateOnly day)
    {
        var b = Birth;
        var age = day.Year - b.Year;
        if (day.Month < b.Month || (day.Month == b.Month && day.Day < b.Day)) age--;
        return age;
    }
}

/// <summary>Resident register statuses.</summary>
public static class ResidentStatus
{
    public const string Active = "active";
    public const string MovedOut = "moved-out";
    public const string Deceased = "deceased";
}

/// <summary>A household (世帯) at one address.</summary>
public sealed class HouseholdRecord
{
    public string HouseholdId { get; set; } = "";
    public string MunicipalityCode { get; set; } = "";
    public string Address { get; set; } = "";
    public string HeadResidentId { get; set; } = "";
}
