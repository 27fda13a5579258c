using Kiosk.Firmware.Core.Card.Pn532;

namespace Kiosk.Firmware.Core.Tests.CardStack;

/// <summary>Builds PN532-to-host frames for scripts (answers are D5 + code + data).</summary>
internal static class Pn532Frames
{
    public const string Ack = "0000FF00FF00";

    public static string Answer(string hex)
    {
        byte[] data = Hex.Bytes(hex);
        byte[] frame = new byte[data.Length + Pn532Frame.MaxOverhead];
        int n = Pn532Frame.Encode(frame, 0, Pn532Frame.Pn532ToHost, data, 0, data.Length);
        return Hex.Of(frame, 0, n);
    }

    public static string AckThen(string answerHex) => Ack + Answer(answerHex);

    public static string Command(string hex)
    {
        byte[] data = Hex.Bytes(hex);
        byte[] frame = new byte[data.Length + Pn532Frame.MaxOverhead];
        int n = Pn532Frame.Encode(frame, 0, Pn532Frame.HostToPn532, data, 0, data.Length);
        return Hex.Of(frame, 0, n);
    }
}
