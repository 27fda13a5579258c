namespace Kiosk.Municipality.Domain;

/// <summary>Why a product is refused, as a stable code plus messages the terminal can show.</summary>
public static class ReasonCodes
{
    public const string MovedOut = "moved-out";
    public const string Protected = "protected";
    public const string Deceased = "deceased";
    public const string UnderAge = "under-age";
    public const string SealAbolished = "seal-abolished";
    public const string OutsideHours = "outside-hours";
    public const string NotOffered = "not-offered";
    public const string ProductUnavailable = "product-unavailable";

    /// <summary>Every reason code.</summary>
    public static readonly IReadOnlyList<string> All =
        [MovedOut, Protected, Deceased, UnderAge, SealAbolished, OutsideHours, NotOffered, ProductUnavailable];

    /// <summary>The Japanese message a terminal shows for a reason.</summary>
    public static string MessageJa(string code) => code switch
    {
        MovedOut => "転出されているため、この市区町村の証明書はコンビニ交付できません。窓口へお越しください。",
        Protected => "この証明書はコンビニ交付できません。窓口へお問い合わせください。",
        Deceased => "この証明書はコンビニ交付できません。窓口へお問い合わせください。",
        UnderAge => "15歳未満の方はコンビニ交付をご利用いただけません。",
        SealAbolished => "印鑑登録が廃止されているため、印鑑登録証明書は交付できません。",
        OutsideHours => "ただいまの時間はこの証明書を交付できません。サービス時間内に再度ご利用ください。",
        NotOffered => "この市区町村ではこの証明書のコンビニ交付を行っていません。",
        ProductUnavailable => "この証明書の交付に必要な情報がないため、交付できません。窓口へお問い合わせください。",
        _ => "この証明書は交付できません。",
    };

    /// <summary>The English message a terminal shows for a reason.</summary>
    public static string MessageEn(string code) => code switch
    {
        MovedOut => "You have moved out of this municipality; please apply at a municipal office.",
        Protected => "This certificate cannot be issued at a store. Please contact the municipal office.",
        Deceased => "This certificate cannot be issued at a store. Please contact the municipal office.",
        UnderAge => "Residents under 15 cannot use the store service.",
        SealAbolished => "Your seal registration has been abolished; a seal certificate cannot be issued.",
        OutsideHours => "This certificate is not available at this hour. Please try again during service hours.",
        NotOffered => "This municipality does not offer this certificate at stores.",
        ProductUnavailable => "The records this certificate needs are not available; please contact the municipal office.",
        _ => "This certificate cannot be issued.",
    };
}
