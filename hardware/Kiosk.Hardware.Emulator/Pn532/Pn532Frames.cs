namespace Kiosk.Hardware.Emulator.Pn532;

/// <summary>PN532 host-link frame encoding (HSU/UART): normal and extended information frames, ACK, NACK, error frame.</summary>
public static class Pn532Frames
{
    /// <summary>ACK frame.</summary>
    public static readonly byte[] Ack = [0x00, 0x00, 0xFF, 0x00, 0xFF, 0x00];
    /// <summary>NACK frame.</summary>
    public static readonly byte[] Nack = [0x00, 0x00, 0xFF, 0xFF, 0x00, 0x00];
    /// <summary>Application-level error frame (syntax error / unknown command).</summary>
    public static readonly byte[] Error = [0x00, 0x00, 0xFF, 0x01, 0xFF, 0x7F, 0x81, 0x00];
    /// <summary>Host-to-PN532 frame identifier.</summary>
    public const byte HostToPn532 = 0xD4;
    /// <summary>PN532-to-host frame identifier.</summary>
    public const byte Pn532ToHost = 0xD5;
    /// <summary>Largest TFI+data length a normal frame can carry.</summary>
    public const int MaxNormalLength = 255;
    /// <summary>Largest TFI+data length the PN532 accepts in an extended frame (264 in libnfc's pn53x-internal.h).</summary>
    public const int MaxExtendedLength = 265;

    /// <summary>Encodes an information frame around <paramref name="body"/> (TFI + command code + data); extended when longer than 255.</summary>
    public static byte[] Encode(ReadOnlySpan<byte> body, bool forceExtended = false)
    {
        var extended = forceExtended || body.Length > MaxNormalLength;
        var header = extended ? 8 : 5;
        var frame = new byte[header + body.Length + 2];
        frame[0] = 0x00;
        frame[1] = 0x00;
        frame[2] = 0xFF;
        if (extended)
        {
            frame[3] = 0xFF;
            frame[4] = 0xFF;
            frame[5] = (byte)(body.Length >> 8);
            frame[6] = (byte)body.Length;
            frame[7] = (byte)(0x100 - ((frame[5] + frame[6]) & 0xFF));
        }
        else
        {
            frame[3] = (byte)body.Length;
            frame[4] = (byte)(0x100 - body.Length);
        }
        body.CopyTo(frame.AsSpan(header));
        byte sum = 0;
        foreach (var b in body) sum += b;
        frame[header + body.Length] = (byte)(0x100 - sum);
        frame[^1] = 0x00;
        return frame;
    }
}
