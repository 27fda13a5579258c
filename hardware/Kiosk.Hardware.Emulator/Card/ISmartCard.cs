namespace Kiosk.Hardware.Emulator.Card;

/// <summary>What the card did for the last APDU, so readers can model its processing time.</summary>
public enum CardOperation
{
    /// <summary>Anything cheap (SELECT, READ BINARY, status answers).</summary>
    Simple,
    /// <summary>PIN comparison with counter update (EEPROM write on a real card).</summary>
    PinVerify,
    /// <summary>RSA-2048 private-key operation.</summary>
    RsaSign,
}

/// <summary>A contactless smart card as a pure APDU processor: bytes in, bytes out, no I/O.</summary>
public interface ISmartCard
{
    /// <summary>ATR reported to PC/SC (vpcd).</summary>
    byte[] Atr { get; }

    /// <summary>Four-byte ISO 14443-3 Type B PUPI.</summary>
    byte[] Pupi { get; }

    /// <summary>AIDs of the applications on the card.</summary>
    IReadOnlyList<byte[]> Applications { get; }

    /// <summary>What the last <see cref="Process"/> call did.</summary>
    CardOperation LastOperation { get; }

    /// <summary>Processes one command APDU and returns the response APDU (data + SW1 SW2). Never throws for any input.</summary>
    byte[] Process(byte[] commandApdu);

    /// <summary>Power cycle / field reset: no application selected, every PIN's verified state lost (try counters persist).</summary>
    void Reset();
}
