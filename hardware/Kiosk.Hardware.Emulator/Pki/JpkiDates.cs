namespace Kiosk.Hardware.Emulator.Pki;

/// <summary>Validity rules of JPKI certificates.</summary>
public static class JpkiDates
{
    /// <summary>Japan Standard Time offset used for all certificate dates.</summary>
    public static readonly TimeSpan Jst = TimeSpan.FromHours(9);

    /// <summary>The 5th birthday strictly after <paramref name="issued"/>: the last day a resident certificate is valid.</summary>
    public static DateOnly FifthBirthdayAfter(DateOnly birth, DateOnly issued)
    {
        var first = BirthdayIn(birth, issued.Year);
        if (first <= issued) first = BirthdayIn(birth, issued.Year + 1);
        return BirthdayIn(birth, first.Year + 4);
    }

    /// <summary>Start of a JST day as a UTC-comparable instant.</summary>
    public static DateTimeOffset StartOfDay(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), Jst);

    /// <summary>Last second of a JST day.</summary>
    public static DateTimeOffset EndOfDay(DateOnly day) => new(day.ToDateTime(new TimeOnly(23, 59, 59)), Jst);

    private static DateOnly BirthdayIn(DateOnly birth, int year)
        => birth.Month == 2 && birth.Day == 29 && !DateTime.IsLeapYear(year) ? new DateOnly(year, 2, 28) : new DateOnly(year, birth.Month, birth.Day);
}
