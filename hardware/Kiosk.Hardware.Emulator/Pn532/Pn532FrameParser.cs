namespace Kiosk.Hardware.Emulator.Pn532;

/// <summary>What the parser found in the incoming byte stream.</summary>
public enum Pn532FrameKind
{
    /// <summary>A checked information frame; <see cref="Pn532ParsedFrame.Body"/> holds TFI + command + data.</summary>
    Information,
    /// <summary>ACK from the host (aborts a pending command).</summary>
    Ack,
    /// <summary>NACK from the host (asks for the last response again).</summary>
    Nack,
    /// <summary>A frame with a bad length or data checksum (dropped without ACK, like the chip).</summary>
    Corrupt,
}

/// <summary>One parsed frame.</summary>
public sealed record Pn532ParsedFrame(Pn532FrameKind Kind, byte[] Body, bool Extended);

/// <summary>
/// Push parser for the host→PN532 byte stream: skips the wake-up preamble and any noise up to a <c>00 FF</c> start code,
/// then decodes ACK, NACK, normal and extended frames, checking LCS and DCS.
/// </summary>
public sealed class Pn532FrameParser
{
    private readonly List<byte> _buffer = [];

    /// <summary>Bytes seen that were 0x55 (wake-up) since the last call to <see cref="TakeWakeUp"/>.</summary>
    private bool _sawWakeUp;

    /// <summary>Appends received bytes and returns every complete frame now available.</summary>
    public List<Pn532ParsedFrame> Push(ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
        {
            if (b == 0x55 && _buffer.Count <= 1) _sawWakeUp = true;
            _buffer.Add(b);
        }
        var frames = new List<Pn532ParsedFrame>();
        while (TryTake(out var frame)) frames.Add(frame);
        return frames;
    }

    /// <summary>True once if a 0x55 wake-up byte arrived since the last call.</summary>
    public bool TakeWakeUp()
    {
        var w = _sawWakeUp;
        _sawWakeUp = false;
        return w;
    }

    private bool TryTake(out Pn532ParsedFrame frame)
    {
        frame = null!;
        var start = -1;
        for (var i = 0; i + 1 < _buffer.Count; i++)
        {
            if (_buffer[i] == 0x00 && _buffer[i + 1] == 0xFF) { start = i; break; }
        }
        if (start < 0)
        {
            // Keep a trailing 00 that may be the first half of a start code.
            var keep = _buffer.Count > 0 && _buffer[^1] == 0x00 ? 1 : 0;
            _buffer.RemoveRange(0, _buffer.Count - keep);
            return false;
        }
        _buffer.RemoveRange(0, start);
        if (_buffer.Count < 4) return false;
        byte len = _buffer[2], lcs = _buffer[3];
        if (len == 0x00 && lcs == 0xFF) { _buffer.RemoveRange(0, 4); frame = new(Pn532FrameKind.Ack, [], false); return true; }
        if (len == 0xFF && lcs == 0x00) { _buffer.RemoveRange(0, 4); frame = new(Pn532FrameKind.Nack, [], false); return true; }
        int bodyLength, header;
        var extended = len == 0xFF && lcs == 0xFF;
        if (extended)
        {
            if (_buffer.Count < 7) return false;
            bodyLength = _buffer[4] << 8 | _buffer[5];
            if (((_buffer[4] + _buffer[5] + _buffer[6]) & 0xFF) != 0 || bodyLength == 0 || bodyLength > Pn532Frames.MaxExtendedLength)
                return DropStartCode(out frame);
            header = 7;
        }
        else
        {
            if (((len + lcs) & 0xFF) != 0 || len == 0) return DropStartCode(out frame);
            bodyLength = len;
            header = 4;
        }
        if (_buffer.Count < header + bodyLength + 1) return false;
        var body = _buffer.GetRange(header, bodyLength).ToArray();
        byte sum = _buffer[header + bodyLength];
        foreach (var b in body) sum += b;
        _buffer.RemoveRange(0, header + bodyLength + 1);
        frame = sum == 0 ? new(Pn532FrameKind.Information, body, extended) : new(Pn532FrameKind.Corrupt, body, extended);
        return true;
    }

    private bool DropStartCode(out Pn532ParsedFrame frame)
    {
        _buffer.RemoveRange(0, 2);
        frame = new(Pn532FrameKind.Corrupt, [], false);
        return true;
    }
}
