using Kiosk.Firmware.Core.Bridge;
using Kiosk.Firmware.Core.Hardware;
using Kiosk.Firmware.Core.Session;
using Kiosk.Firmware.Core.Tests.Session;
using Xunit.Abstractions;

namespace Kiosk.Firmware.Core.Tests.Bridge;

/// <summary>A whole transaction of the session machine through the real HTTP client over a loopback socket.
/// (The same run against the real bridge over mutual TLS with the emulated card is the integration test.)</summary>
public class WireTransactionTests(ITestOutputHelper output)
{
    const string Pin = "7395";

    static void PlayTransaction(SessionMachine m, ScriptedCard card, ManualClock clock, SessionConfig cfg)
    {
        void Tick() { clock.Advance(cfg.TickMs); m.Poll(); }
        m.HandleKey(Key.Enter);
        m.HandleKey(Key.Enter);
        card.InField = true;
        Tick();
        m.HandleKey(Key.D1); // a wrong digit, corrected
        m.HandleKey(Key.Back);
        foreach (var c in Pin) m.HandleKey(Key.D0 + (c - '0'));
        m.HandleKey(Key.Enter);
        card.InField = false;
        Tick();
        m.HandleKey(Key.Enter);
        m.HandleKey(Key.Enter);
        m.HandleKey(Key.Enter);
        m.HandleKey(Key.Enter);
        for (var i = 0; i < 100 && m.State != SessionState.TakeDocuments; i++) Tick();
        m.HandleKey(Key.Enter);
    }

    [Fact]
    public void A_transaction_on_the_wire_follows_the_protocol_and_never_carries_the_pin()
    {
        using var server = new LoopbackBridgeServer();
        server.Handler = server.Protocol;
        var clock = new ManualClock();
        var card = new ScriptedCard { CorrectPin = Pin, InField = false };
        var cfg = new SessionConfig();
        var log = new ListLog();
        var m = new SessionMachine(new SessionTable(), cfg, card, new BridgeClient(new BridgeLink(server.Factory(), clock, "bridge.test")),
            clock, new CountingRandom(), new FrameDisplay(), log);
        m.Start();
        PlayTransaction(m, card, clock, cfg);

        Assert.Equal(SessionState.Idle, m.State);
        var lines = server.RequestLines.Where(l => l != "POST /v1/heartbeat").Distinct().ToArray();
        Assert.Equal(new[]
        {
            "POST /v1/sessions", "POST /v1/sessions/S1/authenticate", "GET /v1/sessions/S1/products", "POST /v1/sessions/S1/orders",
            "GET /v1/orders/O1?wait=1000&state=awaiting-payment", "GET /v1/orders/O1?wait=1000&state=printing", "DELETE /v1/sessions/S1",
        }, lines);
        Assert.Equal(1, server.Connections);
        var wire = server.ReceivedText;
        for (var i = 0; i + 3 <= Pin.Length; i++) Assert.DoesNotContain(Pin.Substring(i, 3), wire);
        Assert.DoesNotContain(log.Lines, l => l.Contains(Pin[..3]) || l.Contains(Pin[1..]));
        Assert.Equal(new[] { Pin }, card.PinsReceived);
    }

    [Fact]
    public void Allocations_per_full_transaction_are_reported()
    {
        // Measured, not asserted (docs/performance.md carries the figures): core with in-memory bridge, and with the HTTP client.
        long Measure(Func<IBridge> bridge, bool render)
        {
            var clock = new ManualClock();
            var card = new ScriptedCard { CorrectPin = Pin, InField = false };
            var cfg = new SessionConfig();
            var m = new SessionMachine(new SessionTable(), cfg, card, bridge(), clock, new CountingRandom(), render ? new NullDisplay() : null, null);
            m.Start();
            PlayTransaction(m, card, clock, cfg);         // warm-up: JIT, static tables, first connection
            var before = GC.GetAllocatedBytesForCurrentThread();
            PlayTransaction(m, card, clock, cfg);
            var bytes = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.Equal(SessionState.Idle, m.State);
            Assert.Equal(2, card.PinsReceived.Count);
            return bytes;
        }
        using var server = new LoopbackBridgeServer();
        server.Handler = server.Protocol;
        var core = Measure(() => new FakeBridge(), true);
        var wire = Measure(() => new BridgeClient(new BridgeLink(server.Factory(), new ManualClock(), "bridge.test")), true);
        output.WriteLine("allocated per transaction: in-memory bridge " + core + " B; HTTP client on loopback " + wire + " B");
    }

    sealed class NullDisplay : IDisplay { public void Show(byte[] frame, int firstRow, int rowCount) { } }
}
