using Kiosk.Hardware.Emulator.Links;
using Kiosk.Hardware.Emulator.Pn532;

namespace Kiosk.Hardware.Emulator.Tests.Pn532;

/// <summary>A minimal host-side PN532 driver for the tests (the firmware has its own): frames out, ACK and response in.</summary>
internal sealed class Pn532TestHost : IDisposable
{
    private readonly InMemoryLink _link = new();

    public Pn532TestHost(Pn532Timing? timing = null)
    {
        Host = new Pn532Host(_link.DeviceEnd, timing);
    }

    public Pn532Host Host { get; }
    public Pn532Emulator Emulator => Host.Emulator;
    public LinkEnd Link => _link.HostEnd;

    public static byte[] Frame(byte command, params byte[] data) => Pn532Frames.Encode([0xD4, command, .. data]);

    public void SendRaw(byte[] bytes) => Link.Write(bytes, 0, bytes.Length);

    /// <summary>Reads exactly n bytes or fewer on timeout.</summary>
    public byte[] ReadBytes(int n, int timeoutMs = 2000)
    {
        var buffer = new byte[n];
        var got = 0;
        var deadline = Environment.TickCount64 + timeoutMs;
        while (got < n)
        {
            var left = (int)(deadline - Environment.TickCount64);
            if (left <= 0) break;
            var r = Link.Read(buffer, got, n - got, left);
            if (r == 0) break;
            got += r;
        }
        return buffer[..got];
    }

    public void ExpectAck() => Assert.Equal(Pn532Frames.Ack, ReadBytes(6));

    /// <summary>Reads one normal or extended information frame and returns TFI+code+data after checking both checksums.</summary>
    public byte[] ReadFrame(int timeoutMs = 2000)
    {
        var head = ReadBytes(5, timeoutMs);
        Assert.Equal(5, head.Length);
        Assert.Equal(new byte[] { 0x00, 0x00, 0xFF }, head[..3]);
        int len;
        if (head[3] == 0xFF && head[4] == 0xFF)
        {
            var ext = ReadBytes(3);
            Assert.Equal(0, (ext[0] + ext[1] + ext[2]) & 0xFF);
            len = ext[0] << 8 | ext[1];
        }
        else
        {
            Assert.Equal(0, (head[3] + head[4]) & 0xFF);
            len = head[3];
        }
        var body = ReadBytes(len);
        var tail = ReadBytes(2);
        byte sum = tail[0];
        foreach (var b in body) sum += b;
        Assert.Equal(0, sum);
        Assert.Equal(0, tail[1]);
        return body;
    }

    /// <summary>Sends a command, expects ACK, returns the response data after D5 and code+1.</summary>
    public byte[] Command(byte command, params byte[] data)
    {
        SendRaw(Frame(command, data));
        ExpectAck();
        var body = ReadFrame();
        Assert.Equal(0xD5, body[0]);
        Assert.Equal(command + 1, body[1]);
        return body[2..];
    }

    /// <summary>InDataExchange with MI chaining handled; returns status of the last part and the whole R-APDU.</summary>
    public (byte Status, byte[] Response, int Parts) Exchange(byte[] capdu)
    {
        var r = Command(0x40, [0x01, .. capdu]);
        var all = new List<byte>(r[1..]);
        var parts = 1;
        while ((r[0] & 0x40) != 0)
        {
            r = Command(0x40, 0x01);
            all.AddRange(r[1..]);
            parts++;
        }
        return (r[0], all.ToArray(), parts);
    }

    public void Dispose()
    {
        _link.Dispose();
        Host.Dispose();
    }
}
