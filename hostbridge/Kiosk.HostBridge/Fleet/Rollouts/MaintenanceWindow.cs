using System.Globalization;

namespace Kiosk.HostBridge.Fleet.Rollouts;

/// <summary>A daily local-time window ("01:00"–"05:00", may cross midnight) in which devices are offered an update; outside it they are told to wait.</summary>
public sealed record MaintenanceWindow(TimeOnly Start, TimeOnly End)
{
    /// <summary>Parses "HH:mm" pairs; both empty means no window (always open). Throws <see cref="FormatException"/> with a user message otherwise.</summary>
    public static MaintenanceWindow? Parse(string? start, string? end)
    {
        if (string.IsNullOrWhiteSpace(start) && string.IsNullOrWhiteSpace(end)) return null;
        if (!TimeOnly.TryParseExact(start?.Trim(), "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var s)
            || !TimeOnly.TryParseExact(end?.Trim(), "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var e))
            throw new FormatException("Maintenance window: give both start and end as HH:mm (store local time), or neither.");
        if (s == e) throw new FormatException("Maintenance window: start and end must differ.");
        return new MaintenanceWindow(s, e);
    }

    /// <summary>True when <paramref name="local"/> (store local time of day) is inside the window; the end is exclusive.</summary>
    public bool Contains(TimeOnly local) => Start < End ? local >= Start && local < End : local >= Start || local < End;

    /// <summary>Seconds from <paramref name="local"/> until the window next opens (0 when open now).</summary>
    public int SecondsUntilOpen(TimeOnly local)
    {
        if (Contains(local)) return 0;
        var wait = Start.ToTimeSpan() - local.ToTimeSpan();
        if (wait < TimeSpan.Zero) wait += TimeSpan.FromDays(1);
        return (int)Math.Ceiling(wait.TotalSeconds);
    }

    /// <summary>"HH:mm–HH:mm" for pages.</summary>
    public override string ToString() => Start.ToString("HH:mm", CultureInfo.InvariantCulture) + "–" + End.ToString("HH:mm", CultureInfo.InvariantCulture);
}
