namespace Kiosk.Municipality.Domain;

/// <summary>On/off options of a 住民票の写し; each is off unless the resident asks for it.</summary>
public static class OptionCodes
{
    /// <summary>本籍・筆頭者 (Japanese residents only).</summary>
    public const string Honseki = "honseki";
    /// <summary>世帯主・続柄.</summary>
    public const string Setainushi = "setainushi";
    /// <summary>個人番号; printed only when asked.</summary>
    public const string MyNumber = "my-number";
    /// <summary>国籍・地域 (foreign residents only).</summary>
    public const string Nationality = "nationality";
    /// <summary>在留カード等の番号 (foreign residents only).</summary>
    public const string ResidenceCard = "residence-card";
    /// <summary>在留資格・在留期間等 (foreign residents only).</summary>
    public const string ResidenceStatus = "residence-status";

    /// <summary>The options a resident of this nationality may choose on a 住民票の写し.</summary>
    public static IReadOnlyList<string> ForResident(bool foreign) => foreign
        ? [Setainushi, MyNumber, Nationality, ResidenceCard, ResidenceStatus]
        : [Honseki, Setainushi, MyNumber];

    /// <summary>The label a terminal shows for an option.</summary>
    public static string Label(string code) => code switch
    {
        Honseki => "本籍・筆頭者",
        Setainushi => "世帯主・続柄",
        MyNumber => "個人番号",
        Nationality => "国籍・地域",
        ResidenceCard => "在留カード等の番号",
        ResidenceStatus => "在留資格・在留期間等",
        _ => code,
    };

    /// <summary>The options of a product for this resident (only the 住民票の写し has options).</summary>
    public static IReadOnlyList<string> For(string productCode, bool foreign) =>
        productCode == ProductCodes.Juminhyo ? ForResident(foreign) : [];
}
