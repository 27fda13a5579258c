namespace Kiosk.Firmware.Core.Card.Pn532
{
    /// <summary>Encodes PN532 host-link frames (normal up to 255 bytes of TFI+data, extended above) into a caller's buffer.</summary>
    public static class Pn532Frame
    {
        /// <summary>TFI of frames from the host to the PN532.</summary>
        public const byte HostToPn532 = 0xD4;

        /// <summary>TFI of frames from the PN532 to the host.</summary>
        public const byte Pn532ToHost = 0xD5;

        /// <summary>TFI of the application error frame.</summary>
        public const byte ErrorTfi = 0x7F;

        /// <summary>Largest TFI+data a normal frame can carry.</summary>
        public const int MaxNormalLength = 255;

        /// <summary>Bytes a frame adds around the data in the worst (extended) case: 00 00 FF FF FF LM LL LCS TFI ... DCS 00.</summary>
        public const int MaxOverhead = 11;

        /// <summary>Writes a frame carrying <paramref name="tfi"/> followed by <paramref name="count"/> bytes; returns its length.</summary>
        public static int Encode(byte[] frame, int offset, byte tfi, byte[] data, int dataOffset, int count)
        {
            int length = count + 1;
            int p = offset;
            frame[p++] = 0x00;
            frame[p++] = 0x00;
            frame[p++] = 0xFF;
            if (length <= MaxNormalLength)
            {
                frame[p++] = (byte)length;
                frame[p++] = (byte)(0x100 - length);
            }
            else
            {
                byte lm = (byte)(length >> 8);
                byte ll = (byte)length;
                frame[p++] = 0xFF;
                frame[p++] = 0xFF;
                frame[p++] = lm;
                frame[p++] = ll;
                frame[p++] = (byte)(0x100 - ((lm + ll) & 0xFF));
            }

            int sum = tfi;
            frame[p++] = tfi;
            for (int i = 0; i < count; i++)
            {
                byte b = data[dataOffset + i];
                sum += b;
                frame[p++] = b;
            }

            frame[p++] = (byte)(0x100 - (sum & 0xFF));
            frame[p++] = 0x00;
            return p - offset;
        }

        /// <summary>Writes the 6-byte ACK frame; the host sends it to abort a running command.</summary>
        public static int EncodeAck(byte[] frame, int offset)
        {
            frame[offset] = 0x00;
            frame[offset + 1] = 0x00;
            frame[offset + 2] = 0xFF;
            frame[offset + 3] = 0x00;
            frame[offset + 4] = 0xFF;
            frame[offset + 5] = 0x00;
            return 6;
        }

        /// <summary>Writes the 6-byte NACK frame asking the PN532 to send its last answer again.</summary>
        public static int EncodeNack(byte[] frame, int offset)
        {
            frame[offset] = 0x00;
            frame[offset + 1] = 0x00;
            frame[offset + 2] = 0xFF;
            frame[offset + 3] = 0xFF;
            frame[offset + 4] = 0x00;
            frame[offset + 5] = 0x00;
            return 6;
        }
    }
}
