using Kiosk.Firmware.Core.Card;

namespace Kiosk.Firmware.Core.Tests.CardStack;

/// <summary>An APDU-level recording: each expected C-APDU gets its recorded R-APDU or a transport fault.</summary>
internal sealed class ScriptedCardTransport : ICardTransport
{
    private readonly Queue<(string Command, string Response, TransportStatus Status)> _script = new();

    public TransportStatus ConnectStatus { get; set; } = TransportStatus.Ok;

    public bool Present { get; set; } = true;

    public List<string> Sent { get; } = new();

    public List<byte[]> CommandBuffers { get; } = new();

    public int Releases { get; private set; }

    public ScriptedCardTransport Expect(string command, string response)
    {
        _script.Enqueue((Norm(command), Norm(response), TransportStatus.Ok));
        return this;
    }

    public ScriptedCardTransport ExpectFault(string command, TransportStatus status)
    {
        _script.Enqueue((Norm(command), string.Empty, status));
        return this;
    }

    public int Remaining => _script.Count;

    public TransportStatus Connect() => ConnectStatus;

    public bool IsPresent() => Present;

    public TransportStatus Transceive(byte[] command, int commandOffset, int commandLength, byte[] response, int responseOffset, int responseCapacity, out int responseLength)
    {
        responseLength = 0;
        string sent = Hex.Of(command, commandOffset, commandLength);
        Sent.Add(sent);
        CommandBuffers.Add(command);
        Assert.True(_script.Count > 0, "unexpected APDU " + sent);
        var (expected, answer, status) = _script.Dequeue();
        Assert.Equal(expected, sent);
        if (status != TransportStatus.Ok)
        {
            return status;
        }

        byte[] bytes = Hex.Bytes(answer);
        if (bytes.Length > responseCapacity)
        {
            return TransportStatus.ResponseTooLong;
        }

        bytes.CopyTo(response, responseOffset);
        responseLength = bytes.Length;
        return TransportStatus.Ok;
    }

    public void Release() => Releases++;

    private static string Norm(string hex) => hex.Replace(" ", string.Empty).ToUpperInvariant();
}
