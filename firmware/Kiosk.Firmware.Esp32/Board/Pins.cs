namespace Kiosk.Firmware.Esp32.Board
{
    /// <summary>
    /// The board's wiring (hardware/README.md has the same table and the diagram). ESP32-WROVER: GPIO 6-11 belong to the
    /// flash and 16/17 to the PSRAM, so none of them appears here; 34-39 are input-only without pull-ups.
    /// </summary>
    internal static class Pins
    {
        // PN532 over HSU (its I2C mode is unreliable on nanoFramework): UART1 = "COM2", 115200 8N1.
        public const string ReaderPort = "COM2";
        public const int ReaderBaud = 115200;
        public const int ReaderTx = 27;        // ESP32 TX -> PN532 RXD (HSU)
        public const int ReaderRx = 26;        // ESP32 RX <- PN532 TXD
        public const int ReaderReset = 33;     // PN532 RSTPDN, active low: power-cycles a wedged reader

        // ILI9341 320x240 on VSPI ("SPI1" in nanoFramework's numbering).
        public const int DisplaySpiBus = 1;
        public const int DisplayMosi = 23;
        public const int DisplayMiso = 19;
        public const int DisplayClock = 18;
        public const int DisplayChipSelect = 5;
        public const int DisplayDataCommand = 21;
        public const int DisplayReset = 22;
        public const int DisplayBacklight = 15;

        // 4x4 PIN pad: rows are driven low one at a time, columns read with external 10 kOhm pull-ups (34-39 have none).
        public static readonly int[] KeypadRows = new int[] { 13, 14, 25, 32 };
        public static readonly int[] KeypadColumns = new int[] { 34, 35, 36, 39 };

        public const int Buzzer = 4;           // passive piezo through a transistor, PWM
        public const int StatusLed = 2;        // on-board LED of most WROVER kits
        public const int ServiceButton = 0;    // BOOT button: held at power-on = technician service mode
    }
}
