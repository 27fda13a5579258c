namespace Kiosk.Firmware.Core.Card.Pn532
{
    /// <summary>PN532 command codes (host to PN532, TFI D4); the answer code is the command code plus one.</summary>
    public static class Pn532Command
    {
        public const byte Diagnose = 0x00;
        public const byte GetFirmwareVersion = 0x02;
        public const byte SamConfiguration = 0x14;
        public const byte RfConfiguration = 0x32;
        public const byte InDataExchange = 0x40;
        public const byte InDeselect = 0x44;
        public const byte InListPassiveTarget = 0x4A;
        public const byte InRelease = 0x52;

        /// <summary>Diagnose test number 6: attention request / ISO 14443-4 card presence.</summary>
        public const byte DiagnosePresenceTest = 0x06;

        /// <summary>InListPassiveTarget BrTy for ISO 14443-3B at 106 kbps.</summary>
        public const byte TypeB106 = 0x03;
    }
}
