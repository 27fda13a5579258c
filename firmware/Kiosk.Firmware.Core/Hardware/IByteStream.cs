namespace Kiosk.Firmware.Core.Hardware
{
    /// <summary>A raw byte link to a peripheral (the PN532's UART on the board; a pty, TCP socket or in-memory pipe on a host).</summary>
    public interface IByteStream
    {
        /// <summary>Reads up to <paramref name="count"/> bytes, waiting at most <paramref name="timeoutMs"/>; returns 0 on timeout.</summary>
        int Read(byte[] buffer, int offset, int count, int timeoutMs);

        /// <summary>Writes all <paramref name="count"/> bytes.</summary>
        void Write(byte[] buffer, int offset, int count);

        /// <summary>Drops whatever input is waiting, so a late answer is never read as the next one.</summary>
        void DiscardInput();
    }
}
