namespace Kiosk.Firmware.Core.Card.Pn532
{
    /// <summary>The card transport over a PN532: Type B activation, APDUs through InDataExchange, presence by a neutral APDU.</summary>
    public sealed class Pn532CardTransport : ICardTransport
    {
        /// <summary>PN532 target error: the card did not answer (gone, or too slow).</summary>
        public const int ErrorTimeout = 0x01;

        private readonly Pn532 _pn532;
        private readonly TypeBTarget _target = new TypeBTarget();
        private readonly byte[] _probe = new byte[] { 0x00, 0xC0, 0x00, 0x00, 0x00 };
        private readonly byte[] _probeAnswer = new byte[258];
        private bool _initialized;
        private bool _connected;
        private bool _fieldOn;
        private bool _lost;

        /// <summary>Creates the transport; the PN532 is initialized on the first <see cref="Connect"/>.</summary>
        public Pn532CardTransport(Pn532 pn532)
        {
            _pn532 = pn532;
        }

        /// <summary>The driver underneath (counters, firmware version).</summary>
        public Pn532 Device { get { return _pn532; } }

        /// <summary>The activated target, valid after a successful <see cref="Connect"/>.</summary>
        public TypeBTarget Target { get { return _target; } }

        /// <summary>The last PN532-level status seen, for diagnostics.</summary>
        public Pn532Status LastPn532Status { get; private set; }

        /// <inheritdoc />
        public TransportStatus Connect()
        {
            _connected = false;
            _lost = false;
            if (!_initialized)
            {
                Pn532Status init = _pn532.Initialize();
                LastPn532Status = init;
                if (init != Pn532Status.Ok)
                {
                    // No sane PN532 on the line at all: a reader problem, whatever the link did.
                    _pn532.RequireWakeUp();
                    return TransportStatus.ReaderError;
                }

                _initialized = true;

                // A card left active or halted by an earlier run (a crashed tool, a reset board) answers only after a field cycle.
                _pn532.SetRfField(false);
                _fieldOn = false;
            }

            if (!_fieldOn)
            {
                Pn532Status field = _pn532.SetRfField(true);
                LastPn532Status = field;
                if (field != Pn532Status.Ok)
                {
                    return MapLinkFailure(field);
                }

                _fieldOn = true;
            }

            Pn532Status status = _pn532.ListTypeBTarget(_target);
            LastPn532Status = status;
            if (status == Pn532Status.NoTarget)
            {
                return TransportStatus.NoCard;
            }

            if (status != Pn532Status.Ok)
            {
                return MapLinkFailure(status);
            }

            if (!_target.Iso14443_4)
            {
                // A Type B tag without ISO-DEP cannot carry APDUs, so it is not our card.
                _pn532.Release();
                return TransportStatus.NoCard;
            }

            _connected = true;
            return TransportStatus.Ok;
        }

        /// <inheritdoc />
        public bool IsPresent()
        {
            if (!_connected)
            {
                return false;
            }

            // An ISO-DEP round trip with a GET RESPONSE, which changes no card state (no current EF, no PIN status).
            // Diagnose test 6 (Pn532.CheckPresence) would do on a real chip, but not every PN532 clone or emulator implements it.
            int length;
            Pn532Status probe = _pn532.DataExchange(_target.TargetNumber, _probe, 0, _probe.Length, _probeAnswer, 0, _probeAnswer.Length, out length);
            LastPn532Status = probe;
            if (probe == Pn532Status.TargetError)
            {
                _connected = false;
                _lost = true;
            }

            return probe == Pn532Status.Ok && length >= 2;
        }

        /// <inheritdoc />
        public TransportStatus Transceive(byte[] command, int commandOffset, int commandLength, byte[] response, int responseOffset, int responseCapacity, out int responseLength)
        {
            responseLength = 0;
            if (!_connected)
            {
                return _lost ? TransportStatus.CardRemoved : TransportStatus.NoCard;
            }

            Pn532Status status = _pn532.DataExchange(_target.TargetNumber, command, commandOffset, commandLength, response, responseOffset, responseCapacity, out responseLength);
            LastPn532Status = status;
            if (status == Pn532Status.Ok)
            {
                if (responseLength < 2)
                {
                    return TransportStatus.ReaderError;
                }

                return TransportStatus.Ok;
            }

            if (status == Pn532Status.BufferTooSmall)
            {
                return TransportStatus.ResponseTooLong;
            }

            if (status == Pn532Status.TargetError)
            {
                // The card went silent or the RF link broke: find out whether it is still there.
                return IsPresent() ? TransportStatus.Timeout : TransportStatus.CardRemoved;
            }

            return MapLinkFailure(status);
        }

        /// <inheritdoc />
        public void Release()
        {
            if (_initialized)
            {
                // InRelease deselects (HALT); the field off powers the card down, so no verified PIN state survives
                // and a card still lying there is found again by the next session.
                _pn532.Release();
                _pn532.SetRfField(false);
                _fieldOn = false;
            }

            _connected = false;
            _lost = false;
            _target.Clear();
        }

        private TransportStatus MapLinkFailure(Pn532Status status)
        {
            if (status == Pn532Status.Timeout)
            {
                // The PN532 itself stopped answering: re-initialize before the next session.
                _initialized = false;
                _pn532.RequireWakeUp();
                return TransportStatus.Timeout;
            }

            return TransportStatus.ReaderError;
        }
    }
}
