namespace Kiosk.Firmware.Core.Card
{
    /// <summary>Carries APDUs to one contactless or contact card: the PN532 on the board, PC/SC on a laptop.</summary>
    public interface ICardTransport
    {
        /// <summary>Finds and activates a card; NoCard when the field or reader is empty.</summary>
        TransportStatus Connect();

        /// <summary>True while the connected card still answers.</summary>
        bool IsPresent();

        /// <summary>Sends one C-APDU and receives the R-APDU (data + SW1 SW2) into <paramref name="response"/> from <paramref name="responseOffset"/>.</summary>
        TransportStatus Transceive(byte[] command, int commandOffset, int commandLength, byte[] response, int responseOffset, int responseCapacity, out int responseLength);

        /// <summary>Lets the card go (deactivate/reset) so the next session starts clean.</summary>
        void Release();
    }
}
