using Kiosk.Firmware.Core.Hardware;

namespace Kiosk.Firmware.Core.Card.Pn532
{
    /// <summary>PN532 driver over its host link (HSU/UART framing): every buffer is allocated once, so frames cost no heap.</summary>
    public sealed class Pn532
    {
        /// <summary>Largest parameter block one command may carry (InDataExchange: Tg + 262 bytes).</summary>
        public const int MaxParameters = 264;

        /// <summary>Largest TFI+data body accepted from the PN532.</summary>
        public const int MaxBody = 300;

        private const int WakeLength = 16;

        private readonly IByteStream _stream;
        private readonly IClock _clock;
        private readonly Pn532Timeouts _timeouts;
        private readonly Pn532FrameReader _reader;
        private readonly byte[] _payload = new byte[MaxParameters + 1];
        private readonly byte[] _frame = new byte[WakeLength + MaxParameters + 1 + Pn532Frame.MaxOverhead];
        private readonly byte[] _control = new byte[6];
        private bool _asleep = true;
        private int _answerOffset;
        private int _answerLength;

        /// <summary>Creates the driver; nothing is sent until <see cref="Initialize"/>.</summary>
        public Pn532(IByteStream stream, IClock clock, Pn532Timeouts timeouts)
        {
            _stream = stream;
            _clock = clock;
            _timeouts = timeouts;
            _reader = new Pn532FrameReader(stream, clock, MaxBody);
        }

        /// <summary>The error byte of the last InDataExchange/Diagnose that reported one (low 6 bits of the status), else 0.</summary>
        public int LastTargetError { get; private set; }

        /// <summary>IC byte from GetFirmwareVersion (0x32 for a PN532).</summary>
        public int FirmwareIc { get; private set; }

        /// <summary>Firmware version and revision from GetFirmwareVersion, as 0xVVRR.</summary>
        public int FirmwareVersion { get; private set; }

        /// <summary>Bytes written to the link since creation.</summary>
        public long BytesWritten { get; private set; }

        /// <summary>Bytes read from the link since creation.</summary>
        public long BytesRead { get { return _reader.BytesRead; } }

        /// <summary>Information frames sent (commands, including retransmissions).</summary>
        public int FramesSent { get; private set; }

        /// <summary>Wakes the chip, puts the SAM in normal mode, reads the firmware version, limits passive retries and turns RF on.</summary>
        public Pn532Status Initialize()
        {
            _asleep = true;
            Pn532Status status = SamConfiguration();
            if (status != Pn532Status.Ok)
            {
                return status;
            }

            status = GetFirmwareVersion();
            if (status != Pn532Status.Ok)
            {
                return status;
            }

            status = SetPassiveActivationRetries(0x02);
            if (status != Pn532Status.Ok)
            {
                return status;
            }

            return SetRfField(true);
        }

        /// <summary>SAMConfiguration normal mode (no SAM); the first command after wake-up.</summary>
        public Pn532Status SamConfiguration()
        {
            _payload[1] = 0x01;
            return Execute(Pn532Command.SamConfiguration, 1, _timeouts.CommandMs);
        }

        /// <summary>Reads IC, version, revision and supported protocols.</summary>
        public Pn532Status GetFirmwareVersion()
        {
            Pn532Status status = Execute(Pn532Command.GetFirmwareVersion, 0, _timeouts.CommandMs);
            if (status != Pn532Status.Ok)
            {
                return status;
            }

            if (_answerLength < 4)
            {
                return Pn532Status.UnexpectedResponse;
            }

            byte[] body = _reader.Body;
            FirmwareIc = body[_answerOffset];
            FirmwareVersion = (body[_answerOffset + 1] << 8) | body[_answerOffset + 2];
            return Pn532Status.Ok;
        }

        /// <summary>Switches the RF field on or off (RFConfiguration item 1).</summary>
        public Pn532Status SetRfField(bool on)
        {
            _payload[1] = 0x01;
            _payload[2] = (byte)(on ? 0x01 : 0x00);
            return Execute(Pn532Command.RfConfiguration, 2, _timeouts.CommandMs);
        }

        /// <summary>Sets how often InListPassiveTarget retries activation (0xFF = forever), so polling returns promptly.</summary>
        public Pn532Status SetPassiveActivationRetries(byte retries)
        {
            _payload[1] = 0x05;
            _payload[2] = 0xFF;
            _payload[3] = 0x01;
            _payload[4] = retries;
            return Execute(Pn532Command.RfConfiguration, 4, _timeouts.CommandMs);
        }

        /// <summary>InListPassiveTarget for one ISO 14443-B target at 106 kbps with AFI 00 (all families); fills <paramref name="target"/>.</summary>
        public Pn532Status ListTypeBTarget(TypeBTarget target)
        {
            target.Clear();
            _payload[1] = 0x01;
            _payload[2] = Pn532Command.TypeB106;
            _payload[3] = 0x00;
            Pn532Status status = Execute(Pn532Command.InListPassiveTarget, 3, _timeouts.ListMs);
            if (status != Pn532Status.Ok)
            {
                return status;
            }

            if (_answerLength < 1)
            {
                return Pn532Status.UnexpectedResponse;
            }

            byte[] body = _reader.Body;
            if (body[_answerOffset] == 0)
            {
                return Pn532Status.NoTarget;
            }

            int used = target.Parse(body, _answerOffset + 1, _answerLength - 1);
            return used < 0 ? Pn532Status.UnexpectedResponse : Pn532Status.Ok;
        }

        /// <summary>Sends <paramref name="count"/> bytes to the target and gathers its whole answer, following MI chaining.</summary>
        public Pn532Status DataExchange(byte target, byte[] data, int offset, int count, byte[] response, int responseOffset, int responseCapacity, out int responseLength)
        {
            responseLength = 0;
            LastTargetError = 0;
            if (count > MaxParameters - 1)
            {
                return Pn532Status.BufferTooSmall;
            }

            _payload[1] = target;
            System.Array.Copy(data, offset, _payload, 2, count);
            int parameterCount = count + 1;
            while (true)
            {
                Pn532Status status = Execute(Pn532Command.InDataExchange, parameterCount, _timeouts.ExchangeMs);
                if (status != Pn532Status.Ok)
                {
                    return status;
                }

                if (_answerLength < 1)
                {
                    return Pn532Status.UnexpectedResponse;
                }

                byte[] body = _reader.Body;
                int statusByte = body[_answerOffset];
                if ((statusByte & 0x3F) != 0)
                {
                    LastTargetError = statusByte & 0x3F;
                    return Pn532Status.TargetError;
                }

                int chunk = _answerLength - 1;
                if (responseLength + chunk > responseCapacity)
                {
                    return Pn532Status.BufferTooSmall;
                }

                System.Array.Copy(body, _answerOffset + 1, response, responseOffset + responseLength, chunk);
                responseLength += chunk;
                if ((statusByte & 0x40) == 0)
                {
                    return Pn532Status.Ok;
                }

                // MI: the PN532 holds more of the card's answer; an empty InDataExchange fetches the next part.
                _payload[1] = target;
                parameterCount = 1;
            }
        }

        /// <summary>Diagnose test 6: Ok when the activated ISO 14443-4 card still answers, TargetError when it left the field.</summary>
        public Pn532Status CheckPresence()
        {
            LastTargetError = 0;
            _payload[1] = Pn532Command.DiagnosePresenceTest;
            Pn532Status status = Execute(Pn532Command.Diagnose, 1, _timeouts.CommandMs);
            if (status != Pn532Status.Ok)
            {
                return status;
            }

            if (_answerLength < 1)
            {
                return Pn532Status.UnexpectedResponse;
            }

            int code = _reader.Body[_answerOffset] & 0x3F;
            if (code != 0)
            {
                LastTargetError = code;
                return Pn532Status.TargetError;
            }

            return Pn532Status.Ok;
        }

        /// <summary>InRelease of all targets, so the next session starts with a fresh activation.</summary>
        public Pn532Status Release()
        {
            _payload[1] = 0x00;
            return Execute(Pn532Command.InRelease, 1, _timeouts.CommandMs);
        }

        /// <summary>InDeselect of all targets (kept activated by the PN532 for a later InSelect).</summary>
        public Pn532Status Deselect()
        {
            _payload[1] = 0x00;
            return Execute(Pn532Command.InDeselect, 1, _timeouts.CommandMs);
        }

        /// <summary>Marks the chip as needing the wake-up preamble before the next command (after power-up or PowerDown).</summary>
        public void RequireWakeUp()
        {
            _asleep = true;
        }

        private Pn532Status Execute(byte command, int parameterCount, int answerTimeoutMs)
        {
            _answerOffset = 0;
            _answerLength = 0;
            int attempts = _timeouts.CommandAttempts < 1 ? 1 : _timeouts.CommandAttempts;
            Pn532Status result = Pn532Status.Timeout;
            for (int attempt = 0; attempt < attempts; attempt++)
            {
                // A late answer to an earlier command must never be read as this one's.
                _stream.DiscardInput();
                SendCommand(command, parameterCount);
                long ackDeadline = _clock.MonotonicMs + _timeouts.AckMs;
                Pn532FrameKind kind = _reader.Read(ackDeadline);
                int earlyAnswer = 0;
                while (kind == Pn532FrameKind.Information)
                {
                    // The chip always ACKs before answering, so an answer ahead of the ACK is a late one to an earlier
                    // command; remember it only in case our ACK itself was lost.
                    earlyAnswer = IsAnswerTo(command) ? _reader.BodyLength : 0;
                    kind = _reader.Read(ackDeadline);
                }

                if (kind == Pn532FrameKind.Timeout && earlyAnswer > 0 && _reader.Body[1] == (byte)(command + 1))
                {
                    // No ACK came but our answer did: the command ran, and must not run twice (a VERIFY would burn a try).
                    _answerOffset = 2;
                    _answerLength = earlyAnswer - 2;
                    result = Pn532Status.Ok;
                    break;
                }

                if (kind == Pn532FrameKind.Error)
                {
                    result = Pn532Status.ErrorFrame;
                    break;
                }

                if (kind != Pn532FrameKind.Ack)
                {
                    // Silence, NACK or garbage: the PN532 did not take the frame, so sending it again is safe.
                    result = kind == Pn532FrameKind.Timeout ? Pn532Status.Timeout : Pn532Status.LinkError;
                    continue;
                }

                result = ReadAnswer(command, answerTimeoutMs);
                break;
            }

            WipeParameters(parameterCount);
            return result;
        }

        private Pn532Status ReadAnswer(byte command, int answerTimeoutMs)
        {
            long deadline = _clock.MonotonicMs + answerTimeoutMs;
            int nacks = 0;
            while (true)
            {
                Pn532FrameKind kind = _reader.Read(deadline);
                if (kind == Pn532FrameKind.Information)
                {
                    if (IsAnswerTo(command))
                    {
                        return Pn532Status.Ok;
                    }

                    // A stray frame (e.g. a duplicate): keep waiting for ours.
                    continue;
                }

                if (kind == Pn532FrameKind.Ack)
                {
                    continue;
                }

                if (kind == Pn532FrameKind.Error)
                {
                    return Pn532Status.ErrorFrame;
                }

                if (kind == Pn532FrameKind.Timeout)
                {
                    // Abort the running command so the chip is idle for the next one.
                    WriteControl(Pn532Frame.EncodeAck(_control, 0));
                    return Pn532Status.Timeout;
                }

                // Corrupted or NACK-like noise: ask for the answer again.
                if (nacks >= _timeouts.NackAttempts)
                {
                    WriteControl(Pn532Frame.EncodeAck(_control, 0));
                    return Pn532Status.LinkError;
                }

                nacks++;
                _stream.DiscardInput();
                WriteControl(Pn532Frame.EncodeNack(_control, 0));
                deadline = _clock.MonotonicMs + answerTimeoutMs;
            }
        }

        private bool IsAnswerTo(byte command)
        {
            byte[] body = _reader.Body;
            if (_reader.BodyLength < 2 || body[0] != Pn532Frame.Pn532ToHost || body[1] != (byte)(command + 1))
            {
                return false;
            }

            _answerOffset = 2;
            _answerLength = _reader.BodyLength - 2;
            return true;
        }

        private void SendCommand(byte command, int parameterCount)
        {
            int p = 0;
            if (_asleep)
            {
                // HSU wake-up: 55 55 and a long run of zeros in the same write as the first frame.
                _frame[p++] = 0x55;
                _frame[p++] = 0x55;
                for (int i = 2; i < WakeLength; i++)
                {
                    _frame[p++] = 0x00;
                }

                _asleep = false;
            }

            _payload[0] = command;
            int length = Pn532Frame.Encode(_frame, p, Pn532Frame.HostToPn532, _payload, 0, parameterCount + 1);
            _stream.Write(_frame, 0, p + length);
            BytesWritten += p + length;
            FramesSent++;

            // The frame may hold PIN bytes on their way to the card.
            System.Array.Clear(_frame, 0, p + length);
        }

        private void WriteControl(int length)
        {
            _stream.Write(_control, 0, length);
            BytesWritten += length;
        }

        private void WipeParameters(int count)
        {
            System.Array.Clear(_payload, 0, count + 1);
        }
    }
}
