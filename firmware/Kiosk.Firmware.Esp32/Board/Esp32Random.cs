using System;
using Kiosk.Firmware.Core.Hardware;

namespace Kiosk.Firmware.Esp32.Board
{
    /// <summary>
    /// <see cref="IRandomSource"/> on the ESP32. nanoFramework's unseeded Random draws from the chip's RNG on ESP32 targets
    /// (hardware/README.md: verify on each new firmware); the core uses it for request ids and idempotency keys, never keys.
    /// </summary>
    internal sealed class Esp32Random : IRandomSource
    {
        private readonly Random _random = new Random();
        private byte[] _scratch = new byte[32];

        public void NextBytes(byte[] buffer, int offset, int count)
        {
            if (_scratch.Length < count) _scratch = new byte[count];
            _random.NextBytes(_scratch);
            Array.Copy(_scratch, 0, buffer, offset, count);
        }
    }
}
