namespace Kiosk.Firmware.Core.Card.Apdu
{
    /// <summary>A response APDU held in a preallocated buffer: data bytes from index 0, then the status word separately.</summary>
    public sealed class ApduResponse
    {
        /// <summary>Creates a response able to hold <paramref name="capacity"/> data bytes.</summary>
        public ApduResponse(int capacity)
        {
            // Two spare bytes: the transport writes SW1 SW2 right behind the data.
            Buffer = new byte[capacity + 2];
        }

        /// <summary>The data bytes (valid up to <see cref="Length"/>).</summary>
        public byte[] Buffer { get; private set; }

        /// <summary>Most data bytes this response can hold.</summary>
        public int Capacity { get { return Buffer.Length - 2; } }

        /// <summary>Number of data bytes, excluding the status word.</summary>
        public int Length { get; internal set; }

        /// <summary>SW1SW2 of the last R-APDU, or 0 when none arrived.</summary>
        public int StatusWord { get; internal set; }

        /// <summary>True when the status word is 9000.</summary>
        public bool IsOk { get { return StatusWord == Kiosk.Firmware.Core.Card.Apdu.StatusWord.Ok; } }

        /// <summary>Zeroes the data, e.g. after it held something only the card should know.</summary>
        public void Wipe()
        {
            System.Array.Clear(Buffer, 0, Buffer.Length);
            Length = 0;
            StatusWord = 0;
        }
    }
}
