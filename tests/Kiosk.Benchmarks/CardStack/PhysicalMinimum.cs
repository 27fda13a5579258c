using Kiosk.Hardware.Emulator.Card;
using Kiosk.Hardware.Emulator.Pn532;

namespace Kiosk.Benchmarks.CardStack;

/// <summary>The least time the bytes of an operation need on the UART, the air and in the card, under the emulator's timing model.</summary>
internal static class PhysicalMinimum
{
    /// <summary>Normal-frame overhead: 00 00 FF LEN LCS TFI CMD ... DCS 00.</summary>
    private const int FrameOverhead = 9;
    private const int Ack = 6;

    /// <summary>One APDU in one InDataExchange (Tg + C-APDU), ACK, and one answer (status + R-APDU).</summary>
    public static TimeSpan Exchange(Pn532Timing t, int command, int response, CardOperation operation) =>
        t.Uart(FrameOverhead + 1 + command) + t.Pn532CommandTime + t.Uart(Ack) + t.Air(command) + t.Card(operation) + t.Air(response)
        + t.Uart(FrameOverhead + 1 + response);

    /// <summary>InListPassiveTarget (MaxTg, BrTy, AFI) with REQB, ATQB, ATTRIB and its answer on air, and the 17-byte target answer.</summary>
    public static TimeSpan Detect(Pn532Timing t) =>
        t.Uart(FrameOverhead + 3) + t.Pn532CommandTime + t.Uart(Ack) + t.Air(3) + t.Air(12) + t.Air(9) + t.Air(1) + t.Uart(FrameOverhead + 1 + 1 + 12 + 1 + 1);

    /// <summary>One InRelease and its answer.</summary>
    public static TimeSpan Release(Pn532Timing t) => t.Uart(FrameOverhead + 1) + t.Pn532CommandTime + t.Uart(Ack) + t.Uart(FrameOverhead + 1);

    /// <summary>The emulator's idea of the card work for a C-APDU.</summary>
    public static CardOperation OperationOf(byte[] command, int offset, int length)
    {
        byte ins = command[offset + 1];
        if (ins == 0x2A)
        {
            return CardOperation.RsaSign;
        }

        return ins == 0x20 && length > 5 ? CardOperation.PinVerify : CardOperation.Simple;
    }
}
