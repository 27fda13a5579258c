using System.Security.Cryptography;
using Kiosk.Firmware.Core.Hardware;

namespace Kiosk.Firmware.Simulator.Board;

/// <summary>The OS CSPRNG in place of the ESP32's hardware RNG.</summary>
public sealed class CryptoRandomSource : IRandomSource
{
    /// <inheritdoc />
    public void NextBytes(byte[] buffer, int offset, int count)
    {
        RandomNumberGenerator.Fill(buffer.AsSpan(offset, count));
    }
}
