using Kiosk.Firmware.Core.Hardware;

namespace Kiosk.Firmware.Core.Card.Pn532
{
    /// <summary>Reads one PN532 frame from a byte stream into a preallocated buffer, with an absolute deadline.</summary>
    public sealed class Pn532FrameReader
    {
        private readonly IByteStream _stream;
        private readonly IClock _clock;
        private readonly byte[] _body;
        private readonly byte[] _one = new byte[1];
        private readonly byte[] _header = new byte[3];

        /// <summary>Creates a reader whose frame bodies (TFI + data) may be up to <paramref name="capacity"/> bytes.</summary>
        public Pn532FrameReader(IByteStream stream, IClock clock, int capacity)
        {
            _stream = stream;
            _clock = clock;
            _body = new byte[capacity + 1];
        }

        /// <summary>TFI + data of the last information or error frame, from index 0.</summary>
        public byte[] Body { get { return _body; } }

        /// <summary>Length of TFI + data in <see cref="Body"/> for the last information or error frame.</summary>
        public int BodyLength { get; private set; }

        /// <summary>Bytes taken from the stream since creation (UART traffic in).</summary>
        public long BytesRead { get; private set; }

        /// <summary>Reads until a whole frame arrived or <paramref name="deadlineMs"/> (monotonic) passed.</summary>
        public Pn532FrameKind Read(long deadlineMs)
        {
            BodyLength = 0;

            // Start code 00 FF; any bytes before it (preamble, line noise, a stale postamble) are skipped.
            int previous = -1;
            while (true)
            {
                if (!ReadExact(_one, 0, 1, deadlineMs))
                {
                    return Pn532FrameKind.Timeout;
                }

                int b = _one[0];
                if (previous == 0x00 && b == 0xFF)
                {
                    break;
                }

                previous = b;
            }

            if (!ReadExact(_header, 0, 2, deadlineMs))
            {
                return Pn532FrameKind.Timeout;
            }

            int len = _header[0];
            int lcs = _header[1];
            if (len == 0x00 && lcs == 0xFF)
            {
                return Pn532FrameKind.Ack;
            }

            if (len == 0xFF && lcs == 0x00)
            {
                return Pn532FrameKind.Nack;
            }

            if (len == 0xFF && lcs == 0xFF)
            {
                if (!ReadExact(_header, 0, 3, deadlineMs))
                {
                    return Pn532FrameKind.Timeout;
                }

                if (((_header[0] + _header[1] + _header[2]) & 0xFF) != 0)
                {
                    return Pn532FrameKind.Corrupted;
                }

                len = (_header[0] << 8) | _header[1];
            }
            else if (((len + lcs) & 0xFF) != 0)
            {
                return Pn532FrameKind.Corrupted;
            }

            if (len == 0 || len > _body.Length - 1)
            {
                return Pn532FrameKind.Corrupted;
            }

            // TFI + data + DCS; the postamble is left for the next start-code search or DiscardInput.
            if (!ReadExact(_body, 0, len + 1, deadlineMs))
            {
                return Pn532FrameKind.Timeout;
            }

            int sum = 0;
            for (int i = 0; i <= len; i++)
            {
                sum += _body[i];
            }

            if ((sum & 0xFF) != 0)
            {
                return Pn532FrameKind.Corrupted;
            }

            BodyLength = len;
            return _body[0] == Pn532Frame.ErrorTfi ? Pn532FrameKind.Error : Pn532FrameKind.Information;
        }

        private bool ReadExact(byte[] buffer, int offset, int count, long deadlineMs)
        {
            while (count > 0)
            {
                long remaining = deadlineMs - _clock.MonotonicMs;
                if (remaining <= 0)
                {
                    // Also bounds the start-code search when a broken line streams noise without pause.
                    return false;
                }

                int n = _stream.Read(buffer, offset, count, (int)remaining);
                if (n <= 0)
                {
                    return false;
                }

                BytesRead += n;
                offset += n;
                count -= n;
            }

            return true;
        }
    }
}
