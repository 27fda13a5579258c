using System.Text;
using Kiosk.Firmware.Core.Bridge;
using Kiosk.Firmware.Core.Bridge.Http;
using Kiosk.Firmware.Core.Tests.Session;

namespace Kiosk.Firmware.Core.Tests.Bridge;

public class HttpAndLinkTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Requests_share_one_kept_alive_connection(bool chunked)
    {
        using var server = new LoopbackBridgeServer { Chunked = chunked };
        server.Handler = server.Protocol;
        var clock = new ManualClock();
        var client = new BridgeClient(new BridgeLink(server.Factory(), clock, "bridge.test"));
        var open = client.OpenSession();
        Assert.True(open.IsOk);
        Assert.Equal("S1", open.Body!["sessionId"]);
        Assert.True(client.GetProducts("S1").IsOk);
        Assert.True(client.Heartbeat(new HeartbeatInfo()).IsOk);
        var end = client.EndSession("S1");
        Assert.True(end.IsOk);
        Assert.Equal(204, end.Status);
        Assert.Equal(1, server.Connections);
        Assert.Equal(new[] { "POST /v1/sessions", "GET /v1/sessions/S1/products", "POST /v1/heartbeat", "DELETE /v1/sessions/S1" }, server.RequestLines);
        Assert.All(server.RequestHeads, h => Assert.Contains("Host: bridge.test", h));
    }

    [Fact]
    public void Problems_are_mapped_by_code()
    {
        using var server = new LoopbackBridgeServer();
        server.Handler = server.Protocol;
        var client = new BridgeClient(new BridgeLink(server.Factory(), new ManualClock(), "b"));
        var r = client.GetOrder("nope");
        Assert.Equal(BridgeOutcome.Problem, r.Outcome);
        Assert.Equal(404, r.Status);
        Assert.Equal("session-not-found", r.ProblemCode);
    }

    [Fact]
    public void Bodies_follow_the_protocol()
    {
        using var server = new LoopbackBridgeServer();
        server.Handler = server.Protocol;
        var client = new BridgeClient(new BridgeLink(server.Factory(), new ManualClock(), "b"));
        client.Authenticate("S1", new byte[] { 1, 2, 3 }, new byte[] { 4, 5 });
        client.CreateOrder("S1", "0b8f2c1e-1111-4222-8333-444455556666", "juminhyo", new[] { "honseki", "x" }, 1, new[] { "m1", "m2", "m3" }, 2, 0, 2);
        client.Heartbeat(new HeartbeatInfo { FreeHeap = 1000, State = "Idle" });
        client.CreateOrder("S1", "0b8f2c1e-1111-4222-8333-444455557777", "shotoku-kazei", new string[0], 0, new string[0], 0, 2025, 1);
        Assert.Equal("{\"certificate\":\"AQID\",\"signature\":\"BAU=\"}", server.Bodies[0]);
        Assert.Equal("{\"product\":\"juminhyo\",\"options\":[\"honseki\"],\"members\":[\"m1\",\"m2\"],\"copies\":2}", server.Bodies[1]);
        Assert.Equal("{\"product\":\"shotoku-kazei\",\"options\":[],\"members\":[],\"copies\":1,\"year\":2025}", server.Bodies[3]);
        Assert.Contains("Idempotency-Key: 0b8f2c1e-1111-4222-8333-444455556666", server.RequestHeads[1]);
        Assert.Contains("\"freeHeap\":1000", server.Bodies[2]);
        foreach (var k in new[] { "firmwareVersion", "appVersion", "largestFreeBlock", "readerState", "printerState", "uptimeSeconds", "state" })
            Assert.Contains("\"" + k + "\":", server.Bodies[2]);
    }

    [Fact]
    public void A_connection_the_server_closed_is_replaced_transparently()
    {
        using var server = new LoopbackBridgeServer { CloseAfter = 2 };
        server.Handler = server.Protocol;
        var link = new BridgeLink(server.Factory(), new ManualClock(), "b");
        var client = new BridgeClient(link);
        for (var i = 0; i < 5; i++) Assert.True(client.Heartbeat(new HeartbeatInfo()).IsOk);
        Assert.Equal(3, server.Connections);
        Assert.Equal(5, server.Requests);
    }

    sealed class FlakyFactory(IStreamFactory inner) : IStreamFactory
    {
        public bool Down = true;
        public int Attempts;
        public Stream? Connect() { Attempts++; if (Down) throw new IOException("refused"); return inner.Connect(); }
    }

    [Fact]
    public void Reconnects_back_off_exponentially_up_to_a_minute_then_recover()
    {
        using var server = new LoopbackBridgeServer();
        server.Handler = server.Protocol;
        var clock = new ManualClock();
        var factory = new FlakyFactory(server.Factory());
        var client = new BridgeClient(new BridgeLink(factory, clock, "b"));
        Assert.Equal(BridgeOutcome.Unreachable, client.Heartbeat(new HeartbeatInfo()).Outcome);
        Assert.Equal(1, factory.Attempts);
        client.Heartbeat(new HeartbeatInfo());
        Assert.Equal(1, factory.Attempts);          // within the first second: no new attempt
        var waits = new List<long>();
        for (var i = 0; i < 9; i++)
        {
            var before = factory.Attempts;
            long waited = 0;
            while (factory.Attempts == before) { clock.Advance(100); waited += 100; client.Heartbeat(new HeartbeatInfo()); }
            waits.Add(waited);
        }
        Assert.Equal(new long[] { 1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000, 60000 }, waits);
        factory.Down = false;
        clock.Advance(60_000);
        Assert.True(client.Heartbeat(new HeartbeatInfo()).IsOk);
        clock.Advance(10);
        factory.Down = true;                         // the open connection keeps working
        Assert.True(client.Heartbeat(new HeartbeatInfo()).IsOk);
    }

    [Fact]
    public void Garbage_from_the_peer_is_unreachable_not_a_crash()
    {
        foreach (var reply in new[] { "NOT HTTP\r\n\r\n", "HTTP/1.1 200 OK\r\nContent-Length: 50\r\n\r\n{}", "HTTP/1.1 2xx OK\r\n\r\n", "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n[]" })
        {
            var stream = new ScriptedStream(Encoding.ASCII.GetBytes(reply));
            var link = new BridgeLink(new OneStream(stream), new ManualClock(), "b");
            var r = new BridgeClient(link).GetOrder("O1");
            Assert.Equal(BridgeOutcome.Unreachable, r.Outcome);
        }
    }

    sealed class OneStream(Stream s) : IStreamFactory { public Stream? Connect() => s; }

    sealed class ScriptedStream(byte[] reply) : Stream
    {
        int _pos;
        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = Math.Min(count, reply.Length - _pos);
            Array.Copy(reply, _pos, buffer, offset, n);
            _pos += n;
            return n;
        }
        public override void Write(byte[] buffer, int offset, int count) { }
        public override void Flush() { }
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => 0; set => throw new NotSupportedException(); }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
