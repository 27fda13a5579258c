namespace Kiosk.Firmware.Core.Card.Jpki
{
    /// <summary>Checks the shape of the auth PIN (exactly 4 ASCII digits) without ever turning it into text.</summary>
    public static class PinFormat
    {
        /// <summary>True when <paramref name="count"/> is 4 and every byte is '0'..'9'.</summary>
        public static bool IsValidAuthPin(byte[]? pin, int offset, int count)
        {
            if (pin == null || count != JpkiAp.PinLength || offset < 0 || offset + count > pin.Length)
            {
                return false;
            }

            bool ok = true;
            for (int i = 0; i < count; i++)
            {
                byte b = pin[offset + i];
                ok &= b >= (byte)'0' && b <= (byte)'9';
            }

            return ok;
        }
    }
}
