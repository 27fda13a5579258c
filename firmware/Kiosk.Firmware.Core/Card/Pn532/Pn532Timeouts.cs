namespace Kiosk.Firmware.Core.Card.Pn532
{
    /// <summary>How long the driver waits for each stage; a real PN532 ACKs within about 1 ms, the card is slower.</summary>
    public sealed class Pn532Timeouts
    {
        /// <summary>Wait for the ACK after a command frame.</summary>
        public int AckMs = 100;

        /// <summary>Wait for the answer of a local command (configuration, firmware version, release).</summary>
        public int CommandMs = 500;

        /// <summary>Wait for InListPassiveTarget, which polls the field.</summary>
        public int ListMs = 1000;

        /// <summary>Wait for one InDataExchange answer; generous because the card's RSA signature is slow.</summary>
        public int ExchangeMs = 3000;

        /// <summary>How many times a command is sent again when no ACK came.</summary>
        public int CommandAttempts = 3;

        /// <summary>How many NACKs are sent for one corrupted answer before giving up.</summary>
        public int NackAttempts = 3;
    }
}
