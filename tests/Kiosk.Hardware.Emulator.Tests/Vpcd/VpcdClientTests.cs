using System.Net;
using System.Net.Sockets;
using Kiosk.Hardware.Emulator.Card;
using Kiosk.Hardware.Emulator.Vpcd;

namespace Kiosk.Hardware.Emulator.Tests.Vpcd;

/// <summary>The vpcd wire format against an in-process listener (the real pcscd+vpcd run is in Conformance).</summary>
public class VpcdClientTests
{
    private static byte[] Message(params byte[] payload) => [(byte)(payload.Length >> 8), (byte)payload.Length, .. payload];

    private static byte[] ReadMessage(NetworkStream s)
    {
        var header = new byte[2];
        s.ReadExactly(header);
        var body = new byte[header[0] << 8 | header[1]];
        s.ReadExactly(body);
        return body;
    }

    [Fact]
    public void Answers_get_atr_and_apdus_ignores_power_controls_and_ends_when_vpcd_closes()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var card = VirtualMyNumberCard.ForProfile("tanaka-hanako");
        using var client = new VpcdClient(card);
        client.Connect("127.0.0.1", port, TimeSpan.FromSeconds(5));
        var run = new Thread(() => client.Run());
        run.Start();
        using (var vpcd = listener.AcceptTcpClient())
        {
            var s = vpcd.GetStream();
            s.Write(Message(0x04));
            Assert.Equal(JpkiAids.MyNumberCardAtr, ReadMessage(s));
            s.Write(Message(0x01)); // power on: no answer
            s.Write(Message(0x02)); // reset: no answer
            // Length and body in separate writes, as vpcd does.
            var select = Apdus_SelectJpki();
            s.Write(Message(select)[..2]);
            s.Flush();
            Thread.Sleep(20);
            s.Write(select);
            Assert.Equal(new byte[] { 0x90, 0x00 }, ReadMessage(s));
            s.Write(Message(0x00, 0xA4, 0x02, 0x0C, 0x02, 0x00, 0x0A));
            Assert.Equal(new byte[] { 0x90, 0x00 }, ReadMessage(s));
            s.Write(Message(0x00, 0xB0, 0x00, 0x00, 0x00));
            Assert.Equal(258, ReadMessage(s).Length);
        }
        Assert.True(run.Join(TimeSpan.FromSeconds(5)));
        Assert.Equal(3, client.ApdusAnswered);
        listener.Stop();
    }

    [Fact]
    public void Connect_fails_with_a_clear_message_when_nothing_listens()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var client = new VpcdClient(VirtualMyNumberCard.ForProfile("tanaka-hanako"));
        var e = Assert.Throws<IOException>(() => client.Connect("127.0.0.1", port, TimeSpan.FromMilliseconds(300)));
        Assert.Contains("pcscd", e.Message);
    }

    private static byte[] Apdus_SelectJpki() => Convert.FromHexString("00A4040C0AD392F000260100000001");
}
