using System;
using Kiosk.Firmware.Core.Hardware;
using nanoFramework.Hardware.Esp32;

namespace Kiosk.Firmware.Esp32.Board
{
    /// <summary>
    /// <see cref="IClock"/> on the ESP32: the monotonic counter is the high-resolution timer since boot (SNTP corrections
    /// move DateTime.UtcNow, never this), the wall clock is the RTC that SNTP sets.
    /// </summary>
    internal sealed class Esp32Clock : IClock
    {
        public long MonotonicMs { get { return NowMs(); } }

        public DateTime UtcNow { get { return DateTime.UtcNow; } }

        /// <summary>Milliseconds since boot, for the board's own timeouts.</summary>
        public static long NowMs()
        {
            return (long)(HighResTimer.GetCurrent() / 1000);
        }
    }
}
