using System.Diagnostics;
using System.Security.Cryptography;
using Kiosk.Firmware.Core.Hardware;

namespace Kiosk.Load.Terminals;

/// <summary>The host's monotonic stopwatch and UTC time, as the core's clock.</summary>
public sealed class StopwatchClock : IClock
{
    private readonly Stopwatch _since = Stopwatch.StartNew();

    /// <summary>Milliseconds since this clock was made.</summary>
    public long MonotonicMs => _since.ElapsedMilliseconds;

    /// <summary>The host's UTC time.</summary>
    public DateTime UtcNow => DateTime.UtcNow;
}

/// <summary>The OS CSPRNG in place of the ESP32's hardware RNG.</summary>
internal sealed class OsRandom : IRandomSource
{
    public void NextBytes(byte[] buffer, int offset, int count) => RandomNumberGenerator.Fill(buffer.AsSpan(offset, count));
}
