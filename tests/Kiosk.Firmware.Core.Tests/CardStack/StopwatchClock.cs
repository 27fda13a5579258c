using System.Diagnostics;
using Kiosk.Firmware.Core.Hardware;

namespace Kiosk.Firmware.Core.Tests.CardStack;

/// <summary>Real time, for runs against the emulator on another thread.</summary>
internal sealed class StopwatchClock : IClock
{
    private readonly Stopwatch _watch = Stopwatch.StartNew();

    public long MonotonicMs => _watch.ElapsedMilliseconds;

    public DateTime UtcNow => DateTime.UtcNow;
}
