namespace Kiosk.Hardware.Emulator.Card;

/// <summary>A parsed short command APDU (ISO/IEC 7816-4 cases 1–4); extended-length APDUs are not accepted.</summary>
public sealed class CommandApdu
{
    private CommandApdu(byte cla, byte ins, byte p1, byte p2, byte[] data, int? ne)
    {
        Cla = cla;
        Ins = ins;
        P1 = p1;
        P2 = p2;
        Data = data;
        Ne = ne;
    }

    /// <summary>Class byte.</summary>
    public byte Cla { get; }
    /// <summary>Instruction byte.</summary>
    public byte Ins { get; }
    /// <summary>Parameter 1.</summary>
    public byte P1 { get; }
    /// <summary>Parameter 2.</summary>
    public byte P2 { get; }
    /// <summary>Command data (empty for cases 1 and 2).</summary>
    public byte[] Data { get; }
    /// <summary>Expected response length (Le, with 00 meaning 256), or null when absent (cases 1 and 3).</summary>
    public int? Ne { get; }

    /// <summary>Parses <paramref name="bytes"/>; false when the length bytes are inconsistent (the card answers 6700).</summary>
    public static bool TryParse(byte[] bytes, out CommandApdu apdu)
    {
        apdu = null!;
        if (bytes is null || bytes.Length < 4) return false;
        byte cla = bytes[0], ins = bytes[1], p1 = bytes[2], p2 = bytes[3];
        if (bytes.Length == 4)
        {
            apdu = new CommandApdu(cla, ins, p1, p2, [], null);
            return true;
        }
        var first = bytes[4];
        if (bytes.Length == 5)
        {
            apdu = new CommandApdu(cla, ins, p1, p2, [], first == 0 ? 256 : first);
            return true;
        }
        if (first == 0) return false; // extended length: not supported by the card
        var lc = first;
        if (bytes.Length == 5 + lc)
        {
            apdu = new CommandApdu(cla, ins, p1, p2, bytes[5..], null);
            return true;
        }
        if (bytes.Length == 6 + lc)
        {
            var le = bytes[^1];
            apdu = new CommandApdu(cla, ins, p1, p2, bytes[5..(5 + lc)], le == 0 ? 256 : le);
            return true;
        }
        return false;
    }
}
