using System.Diagnostics;
using Kiosk.Firmware.Core.Hardware;

namespace Kiosk.Firmware.Host.Timing;

/// <summary>The core's clock on a laptop: Stopwatch for the monotonic counter, the system clock for UTC.</summary>
public sealed class HostClock : IClock
{
    private readonly Stopwatch _watch = Stopwatch.StartNew();

    /// <inheritdoc />
    public long MonotonicMs => _watch.ElapsedMilliseconds;

    /// <inheritdoc />
    public DateTime UtcNow => DateTime.UtcNow;
}
