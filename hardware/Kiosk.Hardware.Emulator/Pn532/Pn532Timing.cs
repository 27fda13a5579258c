using Kiosk.Hardware.Emulator.Card;

namespace Kiosk.Hardware.Emulator.Pn532;

/// <summary>
/// Timing model of the PN532 path: host UART, 106 kbps Type B air interface, card processing. Times are added to
/// <see cref="Pn532Emulator.ModeledTime"/>; with <see cref="RealTime"/> the emulator also sleeps that long.
/// </summary>
public sealed class Pn532Timing
{
    /// <summary>UART speed between host and PN532 (8N1, 10 bits per byte).</summary>
    public int UartBaud { get; set; } = 115200;
    /// <summary>Air bit rate; Type B sends 10 etu per byte (start, 8 data, stop).</summary>
    public int AirBitRate { get; set; } = 106_000;
    /// <summary>ISO-DEP overhead per block on air: PCB + CRC_B, plus SOF/EOF ≈ 2 bytes.</summary>
    public int AirOverheadBytes { get; set; } = 5;
    /// <summary>PN532 firmware time per command (parsing, ACK).</summary>
    public TimeSpan Pn532CommandTime { get; set; } = TimeSpan.FromMilliseconds(1);
    /// <summary>Card time for a simple APDU (SELECT, READ BINARY).</summary>
    public TimeSpan CardSimpleTime { get; set; } = TimeSpan.FromMilliseconds(3);
    /// <summary>Card time for a VERIFY with data (counter written to EEPROM).</summary>
    public TimeSpan CardPinVerifyTime { get; set; } = TimeSpan.FromMilliseconds(30);
    /// <summary>Card time for an RSA-2048 signature (assumed; the real card's figure is not published).</summary>
    public TimeSpan CardRsaSignTime { get; set; } = TimeSpan.FromMilliseconds(350);
    /// <summary>Poll period unit of InAutoPoll (150 ms per the PN532 manual).</summary>
    public TimeSpan AutoPollPeriodUnit { get; set; } = TimeSpan.FromMilliseconds(150);
    /// <summary>Sleep for real as well as recording modeled time.</summary>
    public bool RealTime { get; set; }

    /// <summary>Time to move <paramref name="bytes"/> over the UART.</summary>
    public TimeSpan Uart(int bytes) => TimeSpan.FromSeconds(bytes * 10.0 / UartBaud);

    /// <summary>Time to move <paramref name="bytes"/> of APDU over the air (one block).</summary>
    public TimeSpan Air(int bytes) => TimeSpan.FromSeconds((bytes + AirOverheadBytes) * 10.0 / AirBitRate);

    /// <summary>Card processing time of an operation.</summary>
    public TimeSpan Card(CardOperation operation) => operation switch
    {
        CardOperation.RsaSign => CardRsaSignTime,
        CardOperation.PinVerify => CardPinVerifyTime,
        _ => CardSimpleTime,
    };
}
