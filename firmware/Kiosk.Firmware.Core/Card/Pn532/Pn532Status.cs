namespace Kiosk.Firmware.Core.Card.Pn532
{
    /// <summary>Outcome of one PN532 command; link faults are values so the card layer can map them to card outcomes.</summary>
    public enum Pn532Status
    {
        Ok = 0,
        /// <summary>No ACK or no answer before the deadline.</summary>
        Timeout,
        /// <summary>Answers kept arriving corrupted after every NACK and retransmission.</summary>
        LinkError,
        /// <summary>The PN532 sent its application error frame (syntax error or unsupported command).</summary>
        ErrorFrame,
        /// <summary>A well-formed frame that is not the answer to the command sent.</summary>
        UnexpectedResponse,
        /// <summary>InListPassiveTarget found no Type B target.</summary>
        NoTarget,
        /// <summary>The PN532 reported an RF/target error; see <see cref="Pn532.LastTargetError"/>.</summary>
        TargetError,
        /// <summary>The answer does not fit the caller's buffer.</summary>
        BufferTooSmall,
    }
}
