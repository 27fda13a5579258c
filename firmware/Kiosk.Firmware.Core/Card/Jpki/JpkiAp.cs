namespace Kiosk.Firmware.Core.Card.Jpki
{
    /// <summary>Identifiers of the JPKI AP on a My Number Card (the only AP this stack ever selects).</summary>
    public static class JpkiAp
    {
        /// <summary>AID D3 92 F0 00 26 01 00 00 00 01.</summary>
        public static readonly byte[] Aid = new byte[] { 0xD3, 0x92, 0xF0, 0x00, 0x26, 0x01, 0x00, 0x00, 0x00, 0x01 };

        /// <summary>EF of the user-authentication certificate (free to read).</summary>
        public const int AuthCertificate = 0x000A;

        /// <summary>EF of the user-authentication private key (selected before signing).</summary>
        public const int AuthKey = 0x0017;

        /// <summary>EF of the 4-digit user-authentication PIN.</summary>
        public const int AuthPin = 0x0018;

        /// <summary>EF holding the medium token ("JPKIAPICCTOKEN2" on a My Number Card).</summary>
        public const int Token = 0x0006;

        /// <summary>Length of the token EF read.</summary>
        public const int TokenLength = 0x20;

        /// <summary>Length of the auth PIN in digits.</summary>
        public const int PinLength = 4;
    }
}
