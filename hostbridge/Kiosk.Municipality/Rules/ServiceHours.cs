namespace Kiosk.Municipality.Rules;

/// <summary>When store issuance runs: 6:30–23:00 JST daily, closed 12/29–1/3; 戸籍 only on weekdays in office hours.</summary>
public static class ServiceHours
{
    public static readonly TimeOnly DailyOpen = new(6, 30);
    public static readonly TimeOnly DailyClose = new(23, 0);

    /// <summary>True during the year-end closure (12/29 to 1/3 inclusive).</summary>
    public static bool IsYearEndClosure(DateOnly day) =>
        (day.Month == 12 && day.Day >= 29) || (day.Month == 1 && day.Day <= 3);

    /// <summary>True when the store service as a whole is open at this instant.</summary>
    public static bool IsOpen(DateTimeOffset instant)
    {
        var jst = JapanTime.ToJst(instant);
        var day = DateOnly.FromDateTime(jst.DateTime);
        var time = TimeOnly.FromDateTime(jst.DateTime);
        return !IsYearEndClosure(day) && time >= DailyOpen && time < DailyClose;
    }

    /// <summary>True when a 戸籍 certificate may be issued: service open, a weekday, inside the municipality's office hours.</summary>
    public static bool IsKosekiOpen(DateTimeOffset instant, TimeOnly officeOpen, TimeOnly officeClose)
    {
        if (!IsOpen(instant)) return false;
        var jst = JapanTime.ToJst(instant);
        if (jst.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday) return false;
        var time = TimeOnly.FromDateTime(jst.DateTime);
        return time >= officeOpen && time < officeClose;
    }
}
