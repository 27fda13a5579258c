using System.Diagnostics;
using Kiosk.Firmware.Core.Hardware;

namespace Kiosk.Firmware.Simulator.Board;

/// <summary>The host's clocks: a stopwatch for timeouts and the system's UTC time (the board would use SNTP).</summary>
public sealed class SystemClock : IClock
{
    private readonly Stopwatch _since = Stopwatch.StartNew();

    /// <inheritdoc />
    public long MonotonicMs => _since.ElapsedMilliseconds;

    /// <inheritdoc />
    public DateTime UtcNow => DateTime.UtcNow;
}
