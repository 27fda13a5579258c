namespace Kiosk.Municipality.Rules;

/// <summary>A clock that starts at a chosen instant and then runs at the real rate, so a test or a demo municipality can be
/// inside (or outside) the store service hours whatever the hour is where it runs.</summary>
public sealed class ShiftedClock : TimeProvider
{
    private readonly TimeSpan _shift;

    /// <summary>A clock that reads <paramref name="start"/> now.</summary>
    public ShiftedClock(DateTimeOffset start) => _shift = start - System.GetUtcNow();

    /// <summary>Noon in Japan today, moved to 15 December when today falls in the year-end closure (12/29–1/3), so the
    /// store service is open.</summary>
    public static ShiftedClock NoonInJapanToday()
    {
        var today = JapanTime.Today(System.GetUtcNow());
        if (ServiceHours.IsYearEndClosure(today)) today = new DateOnly(today.Month == 12 ? today.Year : today.Year - 1, 12, 15);
        return new ShiftedClock(new DateTimeOffset(today.Year, today.Month, today.Day, 12, 0, 0, JapanTime.Offset));
    }

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + _shift;
}
