namespace Kiosk.Hardware.Emulator.Pn532;

/// <summary>Faults the PN532 emulator can inject, each for the next matching command only.</summary>
public enum Pn532FaultKind
{
    /// <summary>Next InDataExchange: the card runs the APDU, then leaves the field before answering → status 01, card gone.</summary>
    CardRemovedMidExchange,
    /// <summary>Next InDataExchange: the card never answers → status 01 (timeout); the card stays.</summary>
    RfTimeout,
    /// <summary>Next response frame goes out with a wrong data checksum.</summary>
    CorruptResponse,
    /// <summary>Next command is answered with a NACK instead of ACK and not executed.</summary>
    NackInsteadOfAck,
    /// <summary>Next command is ACKed at once but its response comes after <see cref="Pn532Fault.Delay"/> (real sleep).</summary>
    LateAnswer,
}

/// <summary>One injected fault.</summary>
public sealed record Pn532Fault(Pn532FaultKind Kind, TimeSpan Delay = default);
