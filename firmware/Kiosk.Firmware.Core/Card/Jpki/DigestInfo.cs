namespace Kiosk.Firmware.Core.Card.Jpki
{
    /// <summary>The DER DigestInfo for SHA-256 that the card pads (PKCS#1 v1.5) and signs.</summary>
    public static class DigestInfo
    {
        /// <summary>SEQUENCE { AlgorithmIdentifier sha256 NULL, OCTET STRING (32) } header.</summary>
        public static readonly byte[] Sha256Prefix = new byte[]
        {
            0x30, 0x31, 0x30, 0x0D, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20,
        };

        /// <summary>Length of the SHA-256 DigestInfo (19 + 32).</summary>
        public const int Sha256Length = 51;
    }
}
