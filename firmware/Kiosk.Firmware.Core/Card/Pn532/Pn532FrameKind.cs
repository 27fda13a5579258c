namespace Kiosk.Firmware.Core.Card.Pn532
{
    /// <summary>What the frame reader found on the link.</summary>
    public enum Pn532FrameKind
    {
        /// <summary>Nothing complete arrived before the deadline.</summary>
        Timeout = 0,
        /// <summary>00 00 FF 00 FF 00.</summary>
        Ack,
        /// <summary>00 00 FF FF 00 00.</summary>
        Nack,
        /// <summary>A normal or extended information frame with valid checksums.</summary>
        Information,
        /// <summary>The application error frame (TFI 7F).</summary>
        Error,
        /// <summary>A frame whose length or data checksum is wrong, or too long for the buffer.</summary>
        Corrupted,
    }
}
