using Kiosk.Firmware.Core.Hardware;

namespace Kiosk.Firmware.Core.Tests.CardStack;

/// <summary>A clock that only moves when a test (or a waiting stream) moves it, so timeouts are deterministic.</summary>
internal sealed class ManualClock : IClock
{
    public long MonotonicMs { get; set; }

    public DateTime UtcNow => new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMilliseconds(MonotonicMs);

    public void Advance(long ms) => MonotonicMs += ms;
}
