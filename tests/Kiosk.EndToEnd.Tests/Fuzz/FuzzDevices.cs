using Kiosk.Firmware.Core.Card;
using Kiosk.Firmware.Core.Hardware;

namespace Kiosk.EndToEnd.Tests.Fuzz;

/// <summary>A UART that delivers one fuzz input and then stays silent; reads advance a manual clock so timeouts end the run.</summary>
public sealed class FuzzByteStream(byte[] input, FuzzClock clock) : IByteStream
{
    private int _position;

    /// <inheritdoc />
    public int Read(byte[] buffer, int offset, int count, int timeoutMs)
    {
        var n = Math.Min(count, input.Length - _position);
        if (n <= 0)
        {
            clock.Advance(Math.Max(1, timeoutMs));
            return 0;
        }
        Array.Copy(input, _position, buffer, offset, n);
        _position += n;
        return n;
    }

    /// <inheritdoc />
    public void Write(byte[] buffer, int offset, int count)
    {
    }

    /// <inheritdoc />
    public void DiscardInput()
    {
    }
}

/// <summary>A clock the fuzz devices move forward.</summary>
public sealed class FuzzClock : IClock
{
    /// <inheritdoc />
    public long MonotonicMs { get; private set; }

    /// <inheritdoc />
    public DateTime UtcNow => new DateTime(2026, 3, 22, 0, 0, 0, DateTimeKind.Utc).AddMilliseconds(MonotonicMs);

    /// <summary>Moves time on.</summary>
    public void Advance(long ms) => MonotonicMs += ms;
}

/// <summary>
/// A card whose R-APDUs come from a fuzz input: each answer is a 2-byte big-endian length and that many bytes; when the
/// script runs out the card is gone. Answers longer than the caller's buffer are reported as such, as a reader would.
/// </summary>
public sealed class FuzzCardTransport(byte[] script) : ICardTransport
{
    private int _position;

    /// <summary>R-APDUs given out.</summary>
    public int Answers { get; private set; }

    /// <inheritdoc />
    public TransportStatus Connect() => TransportStatus.Ok;

    /// <inheritdoc />
    public bool IsPresent() => _position < script.Length;

    /// <inheritdoc />
    public TransportStatus Transceive(byte[] command, int commandOffset, int commandLength, byte[] response, int responseOffset, int responseCapacity,
        out int responseLength)
    {
        responseLength = 0;
        if (_position + 2 > script.Length) return TransportStatus.CardRemoved;
        var length = (script[_position] << 8 | script[_position + 1]) % 600;
        _position += 2;
        length = Math.Min(length, script.Length - _position);
        Answers++;
        if (length > responseCapacity)
        {
            _position += length;
            return TransportStatus.ResponseTooLong;
        }
        Array.Copy(script, _position, response, responseOffset, length);
        _position += length;
        responseLength = length;
        return TransportStatus.Ok;
    }

    /// <inheritdoc />
    public void Release()
    {
    }

    /// <summary>Builds a script from answers.</summary>
    public static byte[] Script(params byte[][] answers)
        => answers.SelectMany(a => new[] { (byte)(a.Length >> 8), (byte)a.Length }.Concat(a)).ToArray();
}
