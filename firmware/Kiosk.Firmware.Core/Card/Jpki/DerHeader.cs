namespace Kiosk.Firmware.Core.Card.Jpki
{
    /// <summary>Reads the tag and length of a DER element, so a certificate's size is known from its first bytes.</summary>
    public static class DerHeader
    {
        /// <summary>Total element length (header + content) of the DER element at <paramref name="offset"/>, or -1 when the bytes are not a definite-length header.</summary>
        public static int TotalLength(byte[] buffer, int offset, int count)
        {
            if (count < 2)
            {
                return -1;
            }

            // Certificates are single-byte-tag SEQUENCEs; a high-tag-number form is not one.
            if ((buffer[offset] & 0x1F) == 0x1F)
            {
                return -1;
            }

            int first = buffer[offset + 1];
            if (first < 0x80)
            {
                return 2 + first;
            }

            int lengthBytes = first & 0x7F;
            if (lengthBytes == 0 || lengthBytes > 3 || count < 2 + lengthBytes)
            {
                // 0x80 is indefinite length (not DER); more than 3 bytes would exceed any card file.
                return -1;
            }

            int length = 0;
            for (int i = 0; i < lengthBytes; i++)
            {
                length = (length << 8) | buffer[offset + 2 + i];
            }

            return 2 + lengthBytes + length;
        }

        /// <summary>Header bytes needed to know the total length, given the first two bytes (2 when short form).</summary>
        public static int HeaderLength(byte[] buffer, int offset, int count)
        {
            if (count < 2)
            {
                return 2;
            }

            int first = buffer[offset + 1];
            return first < 0x80 ? 2 : 2 + (first & 0x7F);
        }
    }
}
