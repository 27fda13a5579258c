namespace Kiosk.Firmware.Core.Card.Pn532
{
    /// <summary>An ISO 14443-3B target found by InListPassiveTarget: its ATQB fields and ATTRIB answer.</summary>
    public sealed class TypeBTarget
    {
        private static readonly int[] FrameSizes = new int[] { 16, 24, 32, 40, 48, 64, 96, 128, 256 };

        /// <summary>PN532 logical target number used by InDataExchange.</summary>
        public byte TargetNumber;

        /// <summary>Pseudo-unique PICC identifier; may be random per activation, so never an identity.</summary>
        public readonly byte[] Pupi = new byte[4];

        /// <summary>Application data bytes of the ATQB.</summary>
        public readonly byte[] ApplicationData = new byte[4];

        /// <summary>Raw protocol info bytes of the ATQB.</summary>
        public readonly byte[] ProtocolInfo = new byte[3];

        /// <summary>Bit-rate capability byte.</summary>
        public int BitRates;

        /// <summary>Largest frame the card accepts (from FSCI).</summary>
        public int MaxFrameSize;

        /// <summary>True when the card says it speaks ISO 14443-4.</summary>
        public bool Iso14443_4;

        /// <summary>Frame waiting time integer (FWT = 302 us x 2^FWI).</summary>
        public int Fwi;

        /// <summary>Frame option bits: bit 1 NAD, bit 0 CID supported.</summary>
        public int FrameOptions;

        /// <summary>ATTRIB answer bytes as returned by the PN532.</summary>
        public readonly byte[] AttribResponse = new byte[16];

        /// <summary>Number of valid bytes in <see cref="AttribResponse"/>.</summary>
        public int AttribResponseLength;

        /// <summary>Frame waiting time in microseconds derived from <see cref="Fwi"/>.</summary>
        public int FrameWaitingTimeUs
        {
            get { return Fwi > 14 ? 302 * (1 << 4) : 302 * (1 << Fwi); }
        }

        /// <summary>Parses one target entry (Tg, ATQB, ATTRIB_RES length and bytes); returns bytes consumed, or -1 if malformed.</summary>
        public int Parse(byte[] buffer, int offset, int count)
        {
            // Tg(1) + ATQB(12, first byte 0x50) + ATTRIB_RES length(1) is the least a valid entry has.
            if (count < 14 || buffer[offset + 1] != 0x50)
            {
                return -1;
            }

            TargetNumber = buffer[offset];
            int p = offset + 2;
            System.Array.Copy(buffer, p, Pupi, 0, 4);
            System.Array.Copy(buffer, p + 4, ApplicationData, 0, 4);
            System.Array.Copy(buffer, p + 8, ProtocolInfo, 0, 3);
            BitRates = ProtocolInfo[0];
            int fsci = ProtocolInfo[1] >> 4;
            MaxFrameSize = fsci < FrameSizes.Length ? FrameSizes[fsci] : 256;
            Iso14443_4 = (ProtocolInfo[1] & 0x01) != 0;
            Fwi = ProtocolInfo[2] >> 4;
            FrameOptions = ProtocolInfo[2] & 0x03;
            p += 11;
            int attribLength = buffer[p];
            p++;
            if (attribLength > AttribResponse.Length || p + attribLength > offset + count)
            {
                return -1;
            }

            System.Array.Copy(buffer, p, AttribResponse, 0, attribLength);
            AttribResponseLength = attribLength;
            return p + attribLength - offset;
        }

        /// <summary>Forgets the previous target.</summary>
        public void Clear()
        {
            TargetNumber = 0;
            System.Array.Clear(Pupi, 0, Pupi.Length);
            System.Array.Clear(ApplicationData, 0, ApplicationData.Length);
            System.Array.Clear(ProtocolInfo, 0, ProtocolInfo.Length);
            System.Array.Clear(AttribResponse, 0, AttribResponse.Length);
            AttribResponseLength = 0;
            BitRates = 0;
            MaxFrameSize = 0;
            Iso14443_4 = false;
            Fwi = 0;
            FrameOptions = 0;
        }
    }
}
