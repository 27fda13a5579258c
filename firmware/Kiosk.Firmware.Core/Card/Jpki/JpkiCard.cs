using Kiosk.Firmware.Core.Card.Apdu;
using Kiosk.Firmware.Core.Crypto;

namespace Kiosk.Firmware.Core.Card.Jpki
{
    /// <summary>The JPKI AP client (user-authentication side) over any card transport; every expected card state is a typed result.</summary>
    public sealed class JpkiCard : IJpkiCard
    {
        /// <summary>Largest certificate accepted; real auth certificates are under 2 KB.</summary>
        public const int MaxCertificateLength = 8192;

        /// <summary>Shortest DER that could be an X.509 certificate; anything shorter is not one.</summary>
        public const int MinCertificateLength = 64;

        private const int Chunk = 256;
        private const int NoEf = -1;

        private readonly ApduChannel _channel;
        private readonly byte[] _command = new byte[CommandApdu.MaxCommandLength];
        private readonly ApduResponse _response = new ApduResponse(Chunk);
        private readonly byte[] _efId = new byte[2];
        private readonly Sha256 _sha = new Sha256();
        private int _selectedEf = NoEf;
        private bool _open;
        private bool _released;

        /// <summary>Creates a client over <paramref name="transport"/>; nothing is sent until <see cref="Open"/>.</summary>
        public JpkiCard(ICardTransport transport)
        {
            _channel = new ApduChannel(transport);
        }

        /// <summary>The APDU channel (counters for diagnostics and benchmarks).</summary>
        public ApduChannel Channel { get { return _channel; } }

        /// <inheritdoc />
        public CardResult Open()
        {
            _released = false;
            _open = false;
            _selectedEf = NoEf;
            TransportStatus connect = _channel.Transport.Connect();
            if (connect != TransportStatus.Ok)
            {
                return Failure(connect);
            }

            int length = CommandApdu.Write(_command, 0, 0x00, 0xA4, 0x04, 0x0C, JpkiAp.Aid, 0, JpkiAp.Aid.Length, CommandApdu.NoLe);
            TransportStatus status = _channel.Transmit(_command, length, _response);
            if (status != TransportStatus.Ok)
            {
                return Failure(status);
            }

            if (!_response.IsOk)
            {
                // Another Type B card (a transit card, a driving licence) has no JPKI AP.
                return Result(CardStatus.NotMyNumberCard, null);
            }

            _open = true;
            return Result(CardStatus.Ok, null);
        }

        /// <inheritdoc />
        public bool IsPresent()
        {
            if (_open)
            {
                return _channel.Transport.IsPresent();
            }

            if (!_released)
            {
                return false;
            }

            // After Release the field was cycled, so the card lost its verified PIN; a card still lying on the reader
            // answers a fresh activation, and the terminal must keep waiting until it is taken (no card left behind).
            if (_channel.Transport.Connect() != TransportStatus.Ok)
            {
                return false;
            }

            _channel.Transport.Release();
            return true;
        }

        /// <inheritdoc />
        public CardResult ReadAuthCertificate()
        {
            CardResult? failure = SelectEf(JpkiAp.AuthCertificate);
            if (failure != null)
            {
                return failure;
            }

            // One full-size read usually returns the DER header and the first 256 bytes: no separate length probe.
            TransportStatus status = ReadBinary(0, Chunk);
            if (status != TransportStatus.Ok)
            {
                return Failure(status);
            }

            if (_response.StatusWord == StatusWord.WrongLength)
            {
                // A card that refuses Le beyond the file end without telling the size: learn it from the 4-byte header.
                status = ReadBinary(0, 4);
                if (status != TransportStatus.Ok)
                {
                    return Failure(status);
                }
            }

            if (!IsReadOk(_response.StatusWord))
            {
                return Unexpected();
            }

            int total = DerHeader.TotalLength(_response.Buffer, 0, _response.Length);
            if (total < MinCertificateLength || total > MaxCertificateLength || _response.Buffer[0] != 0x30)
            {
                return Unexpected();
            }

            byte[] certificate = new byte[total];
            int have = _response.Length < total ? _response.Length : total;
            System.Array.Copy(_response.Buffer, 0, certificate, 0, have);
            while (have < total)
            {
                int want = total - have;
                if (want > Chunk)
                {
                    want = Chunk;
                }

                status = ReadBinary(have, want);
                if (status != TransportStatus.Ok)
                {
                    return Failure(status);
                }

                if (!IsReadOk(_response.StatusWord) || _response.Length == 0)
                {
                    return Unexpected();
                }

                int got = _response.Length < want ? _response.Length : want;
                System.Array.Copy(_response.Buffer, 0, certificate, have, got);
                have += got;
            }

            return Result(CardStatus.Ok, certificate);
        }

        /// <summary>Reads the JPKI token EF (e.g. "JPKIAPICCTOKEN2" for a card, "JPKIAPGPSETOKEN" for a phone), trailing spaces and NULs kept.</summary>
        public CardResult ReadToken()
        {
            CardResult? failure = SelectEf(JpkiAp.Token);
            if (failure != null)
            {
                return failure;
            }

            TransportStatus status = ReadBinary(0, JpkiAp.TokenLength);
            if (status != TransportStatus.Ok)
            {
                return Failure(status);
            }

            if (!IsReadOk(_response.StatusWord))
            {
                return Unexpected();
            }

            byte[] token = new byte[_response.Length];
            System.Array.Copy(_response.Buffer, 0, token, 0, token.Length);
            return Result(CardStatus.Ok, token);
        }

        /// <inheritdoc />
        public CardResult QueryPinTriesLeft()
        {
            CardResult? failure = SelectEf(JpkiAp.AuthPin);
            if (failure != null)
            {
                return failure;
            }

            int length = CommandApdu.Write(_command, 0, 0x00, 0x20, 0x00, 0x80, null, 0, 0, CommandApdu.NoLe);
            TransportStatus status = _channel.Transmit(_command, length, _response);
            if (status != TransportStatus.Ok)
            {
                return Failure(status);
            }

            int sw = _response.StatusWord;
            if (StatusWord.IsCounter(sw))
            {
                int tries = StatusWord.Counter(sw);
                return new CardResult(tries == 0 ? CardStatus.Locked : CardStatus.Ok, tries, sw, null);
            }

            if (StatusWord.IsBlocked(sw))
            {
                return new CardResult(CardStatus.Locked, 0, sw, null);
            }

            if (sw == StatusWord.Ok)
            {
                // Already verified in this session: the counter is full but the card does not say how full.
                return new CardResult(CardStatus.Ok, -1, sw, null);
            }

            return Unexpected();
        }

        /// <inheritdoc />
        public CardResult VerifyPin(byte[] pin, int offset, int count)
        {
            if (!PinFormat.IsValidAuthPin(pin, offset, count))
            {
                return new CardResult(CardStatus.PinFormatInvalid, -1, 0, null);
            }

            CardResult? failure = SelectEf(JpkiAp.AuthPin);
            if (failure != null)
            {
                return failure;
            }

            int length = CommandApdu.Write(_command, 0, 0x00, 0x20, 0x00, 0x80, pin, offset, count, CommandApdu.NoLe);
            TransportStatus status = _channel.Transmit(_command, length, _response);

            // The command buffer held the PIN: wipe it before anything else can look at it.
            System.Array.Clear(_command, 0, _command.Length);
            if (status != TransportStatus.Ok)
            {
                return Failure(status);
            }

            int sw = _response.StatusWord;
            if (sw == StatusWord.Ok)
            {
                return new CardResult(CardStatus.Ok, -1, sw, null);
            }

            if (StatusWord.IsCounter(sw))
            {
                int tries = StatusWord.Counter(sw);
                return new CardResult(tries == 0 ? CardStatus.Locked : CardStatus.WrongPin, tries, sw, null);
            }

            if (StatusWord.IsBlocked(sw))
            {
                return new CardResult(CardStatus.Locked, 0, sw, null);
            }

            return Unexpected();
        }

        /// <inheritdoc />
        public CardResult SignChallenge(byte[] challenge, int offset, int count)
        {
            CardResult? failure = SelectEf(JpkiAp.AuthKey);
            if (failure != null)
            {
                return failure;
            }

            // 80 2A 00 80 33 <DigestInfo> 00, built in place: prefix, then the hash written straight behind it.
            _command[0] = 0x80;
            _command[1] = 0x2A;
            _command[2] = 0x00;
            _command[3] = 0x80;
            _command[4] = DigestInfo.Sha256Length;
            System.Array.Copy(DigestInfo.Sha256Prefix, 0, _command, 5, DigestInfo.Sha256Prefix.Length);
            _sha.Compute(challenge, offset, count, _command, 5 + DigestInfo.Sha256Prefix.Length);
            _command[5 + DigestInfo.Sha256Length] = 0x00;
            TransportStatus status = _channel.Transmit(_command, 6 + DigestInfo.Sha256Length, _response);
            if (status != TransportStatus.Ok)
            {
                return Failure(status);
            }

            int sw = _response.StatusWord;
            if (sw == StatusWord.Ok && _response.Length > 0)
            {
                byte[] signature = new byte[_response.Length];
                System.Array.Copy(_response.Buffer, 0, signature, 0, signature.Length);
                return Result(CardStatus.Ok, signature);
            }

            if (sw == StatusWord.SecurityNotSatisfied)
            {
                return Result(CardStatus.SecurityNotSatisfied, null);
            }

            return Unexpected();
        }

        /// <inheritdoc />
        public void Release()
        {
            _released = true;
            _open = false;
            _selectedEf = NoEf;
            System.Array.Clear(_command, 0, _command.Length);
            _response.Wipe();
            _channel.Transport.Release();
        }

        private CardResult? SelectEf(int ef)
        {
            if (!_open)
            {
                return new CardResult(CardStatus.NoCard, -1, 0, null);
            }

            if (_selectedEf == ef)
            {
                return null;
            }

            _efId[0] = (byte)(ef >> 8);
            _efId[1] = (byte)ef;
            int length = CommandApdu.Write(_command, 0, 0x00, 0xA4, 0x02, 0x0C, _efId, 0, 2, CommandApdu.NoLe);
            TransportStatus status = _channel.Transmit(_command, length, _response);
            if (status != TransportStatus.Ok)
            {
                return Failure(status);
            }

            if (!_response.IsOk)
            {
                return Unexpected();
            }

            _selectedEf = ef;
            return null;
        }

        private TransportStatus ReadBinary(int fileOffset, int le)
        {
            int length = CommandApdu.Write(_command, 0, 0x00, 0xB0, (byte)((fileOffset >> 8) & 0x7F), (byte)fileOffset, null, 0, 0, le);
            return _channel.Transmit(_command, length, _response);
        }

        private static bool IsReadOk(int sw)
        {
            return sw == StatusWord.Ok || sw == StatusWord.EndOfFileReached;
        }

        private CardResult Result(CardStatus status, byte[]? data)
        {
            return new CardResult(status, -1, _response.StatusWord, data);
        }

        private CardResult Unexpected()
        {
            // After a surprise the card's current EF is no longer known.
            _selectedEf = NoEf;
            return Result(CardStatus.UnexpectedStatus, null);
        }

        private CardResult Failure(TransportStatus status)
        {
            _selectedEf = NoEf;
            CardStatus mapped = CardStatus.ReaderError;
            if (status == TransportStatus.NoCard)
            {
                mapped = CardStatus.NoCard;
            }
            else if (status == TransportStatus.CardRemoved)
            {
                mapped = CardStatus.CardRemoved;
                _open = false;
            }
            else if (status == TransportStatus.Timeout)
            {
                mapped = CardStatus.Timeout;
            }
            else if (status == TransportStatus.ResponseTooLong)
            {
                mapped = CardStatus.UnexpectedStatus;
            }

            return new CardResult(mapped, -1, 0, null);
        }
    }
}
