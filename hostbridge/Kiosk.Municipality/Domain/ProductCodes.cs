namespace Kiosk.Municipality.Domain;

/// <summary>The certificate products of the open municipal API, with their Japanese titles.</summary>
public static class ProductCodes
{
    public const string Juminhyo = "juminhyo";
    public const string KisaiJiko = "kisai-jiko";
    public const string Inkan = "inkan";
    public const string ShotokuKazei = "shotoku-kazei";
    public const string KosekiZenbu = "koseki-zenbu";
    public const string KosekiKojin = "koseki-kojin";
    public const string KosekiFuhyo = "koseki-fuhyo";

    /// <summary>Every product in the order a terminal lists them.</summary>
    public static readonly IReadOnlyList<string> All =
        [Juminhyo, KisaiJiko, Inkan, ShotokuKazei, KosekiZenbu, KosekiKojin, KosekiFuhyo];

    /// <summary>The printed title of a product.</summary>
    public static string Title(string code) => code switch
    {
        Juminhyo => "住民票の写し",
        KisaiJiko => "住民票記載事項証明書",
        Inkan => "印鑑登録証明書",
        ShotokuKazei => "所得・課税証明書",
        KosekiZenbu => "戸籍全部事項証明書",
        KosekiKojin => "戸籍個人事項証明書",
        KosekiFuhyo => "戸籍の附票の写し",
        _ => throw new ArgumentOutOfRangeException(nameof(code), code, "unknown product"),
    };

    /// <summary>True for the family-register products that are served on weekdays in office hours only.</summary>
    public static bool IsKosekiOfficeHoursOnly(string code) => code is KosekiZenbu or KosekiKojin;

    /// <summary>True for products read from the family register (the resident needs a 本籍 here).</summary>
    public static bool NeedsFamilyRegister(string code) => code is KosekiZenbu or KosekiKojin or KosekiFuhyo;

    public static bool IsKnown(string? code) => code is not null && All.Contains(code);
}
