namespace Kiosk.Firmware.Core.Card.Apdu
{
    /// <summary>Writes short ISO 7816-4 command APDUs (cases 1 to 4) into a caller's buffer.</summary>
    public static class CommandApdu
    {
        /// <summary>Marks "no Le field" for <see cref="Write"/>.</summary>
        public const int NoLe = -1;

        /// <summary>Largest short command: header, Lc, 255 data bytes, Le.</summary>
        public const int MaxCommandLength = 261;

        /// <summary>Writes CLA INS P1 P2 [Lc data] [Le]; <paramref name="le"/> is 1..256 (256 goes out as 00) or <see cref="NoLe"/>. Returns the length, or -1 if not a short APDU.</summary>
        public static int Write(byte[] buffer, int offset, byte cla, byte ins, byte p1, byte p2, byte[]? data, int dataOffset, int dataLength, int le)
        {
            if (dataLength < 0 || dataLength > 255 || le > 256 || (le < 1 && le != NoLe))
            {
                return -1;
            }

            int p = offset;
            buffer[p++] = cla;
            buffer[p++] = ins;
            buffer[p++] = p1;
            buffer[p++] = p2;
            if (dataLength > 0 && data != null)
            {
                buffer[p++] = (byte)dataLength;
                System.Array.Copy(data, dataOffset, buffer, p, dataLength);
                p += dataLength;
            }

            if (le != NoLe)
            {
                buffer[p++] = (byte)(le == 256 ? 0 : le);
            }

            return p - offset;
        }
    }
}
