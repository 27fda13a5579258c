namespace Kiosk.Municipality.Rules;

/// <summary>Japan Standard Time: UTC+9 all year (Japan has no daylight saving), so a fixed offset is exact.</summary>
public static class JapanTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(9);

    /// <summary>The instant as wall-clock time in Japan.</summary>
    public static DateTimeOffset ToJst(DateTimeOffset instant) => instant.ToOffset(Offset);

    /// <summary>Today's date in Japan.</summary>
    public static DateOnly Today(DateTimeOffset instant) => DateOnly.FromDateTime(ToJst(instant).DateTime);
}
