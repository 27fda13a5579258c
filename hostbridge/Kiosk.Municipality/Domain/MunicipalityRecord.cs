namespace Kiosk.Municipality.Domain;

/// <summary>A municipality served by this reference service: its name, mayor, office hours and fee schedule.</summary>
public sealed class MunicipalityRecord
{
    public string Code { get; set; } = "";
    public string Prefecture { get; set; } = "";
    public string Name { get; set; } = "";
    /// <summary>The issuing office's title, for example 区長 or 市長.</summary>
    public string MayorTitle { get; set; } = "";
    public string MayorName { get; set; } = "";
    /// <summary>Weekday office opening (HH:mm, JST) for the 戸籍 certificates.</summary>
    public string OfficeOpen { get; set; } = "08:30";
    /// <summary>Weekday office closing (HH:mm, JST, exclusive) for the 戸籍 certificates.</summary>
    public string OfficeClose { get; set; } = "17:15";

    public string FullName => Prefecture + Name;
}

/// <summary>One product a municipality offers at stores, with its fee per copy.</summary>
public sealed class MunicipalProductRecord
{
    public string MunicipalityCode { get; set; } = "";
    public string ProductCode { get; set; } = "";
    public int FeeYen { get; set; }
}
