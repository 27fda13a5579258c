namespace Kiosk.Firmware.Core.Card
{
    /// <summary>Every outcome a card operation can have; expected card states are values, not exceptions.</summary>
    public enum CardStatus
    {
        Ok = 0,
        NoCard,
        CardRemoved,
        NotMyNumberCard,
        WrongPin,
        Locked,
        SecurityNotSatisfied,
        Timeout,
        ReaderError,
        UnexpectedStatus,
        /// <summary>The PIN handed in is not exactly 4 ASCII digits; nothing was sent to the card.</summary>
        PinFormatInvalid,
    }
}
