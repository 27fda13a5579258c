namespace Kiosk.Kioskctl.Commands.Card;

/// <summary>Reads a PIN line from standard input byte by byte into a caller's buffer (never a string).</summary>
public static class PinFromStream
{
    /// <summary>Reads up to the first newline or end of input; returns the byte count (at most the buffer's length plus one, so too-long PINs are rejected).</summary>
    public static int Read(Stream input, byte[] pin)
    {
        int count = 0;
        while (true)
        {
            int b = input.ReadByte();
            if (b < 0 || b == '\n')
            {
                break;
            }

            if (b == '\r')
            {
                continue;
            }

            if (count < pin.Length)
            {
                pin[count] = (byte)b;
            }

            count++;
        }

        return Math.Min(count, pin.Length);
    }
}
