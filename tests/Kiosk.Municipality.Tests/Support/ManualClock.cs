namespace Kiosk.Municipality.Tests.Support;

/// <summary>A TimeProvider the test sets; the service reads it for hours and dates.</summary>
public sealed class ManualClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now.ToUniversalTime();

    /// <summary>Sets the clock to a wall-clock time in Japan.</summary>
    public void SetJst(int year, int month, int day, int hour, int minute) =>
        Now = new DateTimeOffset(year, month, day, hour, minute, 0, TimeSpan.FromHours(9));

    /// <summary>Tuesday 2026-11-24 10:00 JST: every service is open.</summary>
    public static ManualClock WeekdayMorning() => new(new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.FromHours(9)));
}
