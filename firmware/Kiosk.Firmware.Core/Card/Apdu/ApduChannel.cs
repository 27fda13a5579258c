namespace Kiosk.Firmware.Core.Card.Apdu
{
    /// <summary>Exchanges APDUs over a card transport, following 61xx with GET RESPONSE and 6Cxx with a re-issue, so callers see one answer.</summary>
    public sealed class ApduChannel
    {
        /// <summary>Most GET RESPONSE / re-issue rounds for one command; a card that keeps asking is broken.</summary>
        public const int MaxFollowUps = 32;

        private readonly ICardTransport _transport;
        private readonly byte[] _followUp = new byte[CommandApdu.MaxCommandLength];
        private readonly byte[] _raw = new byte[258];

        /// <summary>Creates a channel over <paramref name="transport"/>.</summary>
        public ApduChannel(ICardTransport transport)
        {
            _transport = transport;
        }

        /// <summary>The transport underneath.</summary>
        public ICardTransport Transport { get { return _transport; } }

        /// <summary>APDUs exchanged since creation (including GET RESPONSE and re-issues).</summary>
        public int ApduCount { get; private set; }

        /// <summary>C-APDU bytes sent since creation.</summary>
        public long BytesSent { get; private set; }

        /// <summary>R-APDU bytes (data + SW) received since creation.</summary>
        public long BytesReceived { get; private set; }

        /// <summary>Sends <paramref name="length"/> bytes of <paramref name="command"/> and fills <paramref name="response"/> with the complete answer.</summary>
        public TransportStatus Transmit(byte[] command, int length, ApduResponse response)
        {
            response.Length = 0;
            response.StatusWord = 0;
            if (length < 4 || length > CommandApdu.MaxCommandLength)
            {
                return TransportStatus.ReaderError;
            }

            TransportStatus status = Exchange(command, length, response);
            int rounds = 0;
            while (status == TransportStatus.Ok && rounds < MaxFollowUps)
            {
                int sw = response.StatusWord;
                if (StatusWord.IsMoreAvailable(sw))
                {
                    // GET RESPONSE is an interindustry command: CLA 00 (keeping the logical channel bits), even after CLA 80.
                    _followUp[0] = (byte)(command[0] & 0x03);
                    _followUp[1] = 0xC0;
                    _followUp[2] = 0x00;
                    _followUp[3] = 0x00;
                    _followUp[4] = (byte)(sw & 0xFF);
                    status = Exchange(_followUp, 5, response);
                }
                else if (StatusWord.IsWrongLe(sw) && rounds == 0)
                {
                    int reissueLength = WithLe(command, length, (byte)(sw & 0xFF));
                    status = Exchange(_followUp, reissueLength, response);
                    System.Array.Clear(_followUp, 0, reissueLength);
                }
                else
                {
                    break;
                }

                rounds++;
            }

            return status;
        }

        private int WithLe(byte[] command, int length, byte le)
        {
            System.Array.Copy(command, 0, _followUp, 0, length);

            // Case 2 and 4 end in Le (replace it); cases 1 and 3 get one appended.
            bool hasLe = length == 5 || (length > 5 && length == 6 + command[4]);
            if (hasLe)
            {
                _followUp[length - 1] = le;
                return length;
            }

            _followUp[length] = le;
            return length + 1;
        }

        private TransportStatus Exchange(byte[] command, int length, ApduResponse response)
        {
            int room = response.Capacity - response.Length;
            int received;
            ApduCount++;
            BytesSent += length;

            // Receive into scratch first: a card may answer more than the room left, and we must not write past the data.
            TransportStatus status = _transport.Transceive(command, 0, length, _raw, 0, _raw.Length, out received);
            if (status != TransportStatus.Ok)
            {
                return status;
            }

            BytesReceived += received;
            if (received < 2)
            {
                return TransportStatus.ReaderError;
            }

            int dataLength = received - 2;
            if (dataLength > room)
            {
                return TransportStatus.ResponseTooLong;
            }

            System.Array.Copy(_raw, 0, response.Buffer, response.Length, dataLength);
            response.Length += dataLength;
            response.StatusWord = (_raw[received - 2] << 8) | _raw[received - 1];
            System.Array.Clear(_raw, 0, received);
            return TransportStatus.Ok;
        }
    }
}
