namespace Kiosk.Firmware.Core.Card
{
    /// <summary>Outcome of a card-transport call (finding a card, exchanging one APDU).</summary>
    public enum TransportStatus
    {
        Ok = 0,
        /// <summary>No card in the field or reader.</summary>
        NoCard,
        /// <summary>The card left during the exchange.</summary>
        CardRemoved,
        /// <summary>The reader or the card did not answer in time.</summary>
        Timeout,
        /// <summary>The reader is missing or failed (link down, service stopped).</summary>
        ReaderError,
        /// <summary>The card's answer does not fit the buffer given.</summary>
        ResponseTooLong,
    }
}
