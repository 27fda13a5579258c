using System.Text.Json;
using Kiosk.Firmware.Core.Bridge;
using Kiosk.Firmware.Core.Tests.CardStack;
using Kiosk.Firmware.Core.Update;
using Kiosk.Hardware.Emulator.Flash;

namespace Kiosk.Firmware.Core.Tests.Update;

/// <summary>The core's update agent against a loopback bridge and the emulated image store: verify before switching, resume, roll back.</summary>
public sealed class UpdateAgentTests
{
    private static byte[] Bundle(int size, int seed = 7)
    {
        var b = new byte[size];
        new Random(seed).NextBytes(b);
        return b;
    }

    private sealed class Device
    {
        public required UpdateServer Server;
        public required EmulatedAppImageStore Store;
        public readonly ManualClock Clock = new();
        public UpdateAgent Agent = null!;

        /// <summary>Boots (or reboots) the terminal: a new agent on the same store, like the board after a restart.</summary>
        public UpdateAgent Boot()
        {
            Agent = new UpdateAgent(new BridgeLink(Server.Factory(), Clock, "bridge.test"), Store, Store.SelfCheck(), Clock) { ChunkBytes = 4096 };
            Agent.OnBoot();
            return Agent;
        }

        /// <summary>Steps until the agent stops working or asks for a restart.</summary>
        public void Run(int maxSteps = 200)
        {
            for (var i = 0; i < maxSteps && Agent.State != UpdateAgentState.RestartNeeded; i++)
            {
                if (!Agent.Step(true)) return;
            }
        }
    }

    private static Device NewDevice(byte[] bundle, string current = "1.0.0") => new()
    {
        Server = new UpdateServer("2.0.0", bundle), Store = new EmulatedAppImageStore(current, [1, 2, 3]),
    };

    private static JsonElement Report(UpdateServer server, int index) => JsonDocument.Parse(server.Reports[index]).RootElement;

    [Fact]
    public void Downloads_verifies_switches_and_confirms_after_restart()
    {
        var bundle = Bundle(10_000);
        var d = NewDevice(bundle);
        using var _ = d.Server;
        d.Boot();
        d.Run();
        Assert.Equal(UpdateAgentState.RestartNeeded, d.Agent.State);
        Assert.Equal("2.0.0", d.Store.CurrentVersion);
        Assert.True(d.Store.OnTrial);
        Assert.Equal(bundle, d.Store.Image("2.0.0"));
        Assert.Equal(["Range: bytes=0-4095", "Range: bytes=4096-8191", "Range: bytes=8192-9999"], d.Server.RangeHeaders());
        Assert.Empty(d.Server.Reports);

        d.Boot();
        d.Run();
        Assert.False(d.Store.OnTrial);
        Assert.Equal("1.0.0", d.Store.PreviousVersion);
        var report = Assert.Single(d.Server.Reports);
        Assert.Equal("{\"version\":\"2.0.0\",\"outcome\":\"succeeded\"}", report);
        Assert.Contains(d.Server.Requests, r => r.StartsWith("GET /v1/updates?current=2.0.0 "));
    }

    [Fact]
    public void Mismatching_digest_is_refused_before_switching_and_reported()
    {
        var d = NewDevice(Bundle(9000));
        using var _ = d.Server;
        d.Server.Served = Bundle(9000, seed: 8);
        d.Boot();
        d.Run();
        Assert.Equal("1.0.0", d.Store.CurrentVersion);
        Assert.False(d.Store.OnTrial);
        Assert.Null(d.Store.StagedVersion);
        var report = Report(d.Server, 0);
        Assert.Equal("2.0.0", report.GetProperty("version").GetString());
        Assert.Equal("failed", report.GetProperty("outcome").GetString());
        Assert.Equal("digest-mismatch", report.GetProperty("reason").GetString());
    }

    [Fact]
    public void Flash_corruption_shows_in_the_read_back_digest()
    {
        var d = NewDevice(Bundle(9000));
        using var _ = d.Server;
        d.Store.CorruptByteAt = 5000;
        d.Boot();
        d.Run();
        Assert.Equal("1.0.0", d.Store.CurrentVersion);
        Assert.Equal("digest-mismatch", Report(d.Server, 0).GetProperty("reason").GetString());
    }

    [Fact]
    public void Truncated_bundle_on_the_bridge_is_a_size_mismatch()
    {
        var bundle = Bundle(9000);
        var d = NewDevice(bundle);
        using var _ = d.Server;
        d.Server.Served = bundle[..7000];
        d.Boot();
        d.Run();
        Assert.Equal("1.0.0", d.Store.CurrentVersion);
        Assert.Null(d.Store.StagedVersion);
        Assert.Equal("size-mismatch", Report(d.Server, 0).GetProperty("reason").GetString());
    }

    [Fact]
    public void Dropped_connection_resumes_from_the_staged_length()
    {
        var bundle = Bundle(12_000);
        var d = NewDevice(bundle);
        using var _ = d.Server;
        // The second chunk's answer is cut after 1000 of its bytes: it is asked again from the slot's end.
        d.Boot();
        Assert.True(d.Agent.Step(true));                 // check → install offer
        Assert.True(d.Agent.Step(true));                 // chunk 0-4095
        Assert.Equal(4096, d.Store.StagedLength);
        d.Server.CutDownloadsAfter.Enqueue(1000);
        Assert.True(d.Agent.Step(true));                 // chunk 4096-8191, cut
        Assert.Equal(4096, d.Store.StagedLength);
        Assert.Equal(UpdateAgentState.Downloading, d.Agent.State);
        d.Clock.Advance(BridgeLink.MaxBackoffMs);
        d.Run();
        Assert.Equal(UpdateAgentState.RestartNeeded, d.Agent.State);
        Assert.Equal(bundle, d.Store.Image("2.0.0"));
        Assert.Equal(["Range: bytes=0-4095", "Range: bytes=4096-8191", "Range: bytes=4096-8191", "Range: bytes=8192-11999"], d.Server.RangeHeaders());
        Assert.True(d.Server.Connections >= 2);
    }

    [Fact]
    public void Resume_survives_a_restart_mid_download()
    {
        var bundle = Bundle(12_000);
        var d = NewDevice(bundle);
        using var _ = d.Server;
        d.Boot();
        d.Agent.Step(true);
        d.Agent.Step(true);
        Assert.Equal(4096, d.Store.StagedLength);
        d.Boot();                                        // power cut: the slot keeps its 4096 bytes
        d.Run();
        Assert.Equal(bundle, d.Store.Image("2.0.0"));
        Assert.Equal("Range: bytes=4096-8191", d.Server.RangeHeaders()[1]);
    }

    [Fact]
    public void Failing_self_check_rolls_back_and_reports()
    {
        var d = NewDevice(Bundle(5000));
        using var _ = d.Server;
        d.Store.FailingSelfCheckVersions.Add("2.0.0");
        d.Boot();
        d.Run();
        Assert.Equal("2.0.0", d.Store.CurrentVersion);
        d.Boot();
        d.Agent.Step(true);                              // reaches the bridge, self-check fails
        Assert.Equal("1.0.0", d.Store.CurrentVersion);
        Assert.Equal(UpdateAgentState.RestartNeeded, d.Agent.State);
        d.Boot();
        d.Run();
        var report = Report(d.Server, 0);
        Assert.Equal("2.0.0", report.GetProperty("version").GetString());
        Assert.Equal("failed", report.GetProperty("outcome").GetString());
        Assert.Equal("self-check-failed", report.GetProperty("reason").GetString());
    }

    [Fact]
    public void Bundle_that_never_confirms_is_rolled_back_after_the_allowed_boots()
    {
        var d = NewDevice(Bundle(5000));
        using var _ = d.Server;
        d.Boot();
        d.Run();
        Assert.True(d.Store.OnTrial);
        // The new bundle hangs before it can confirm: three trial boots, then the fourth boot goes back.
        for (var i = 0; i < 3; i++)
        {
            d.Boot();
            Assert.Equal("2.0.0", d.Store.CurrentVersion);
        }
        d.Boot();
        Assert.Equal("1.0.0", d.Store.CurrentVersion);
        d.Run();
        Assert.Equal("not-confirmed", Report(d.Server, 0).GetProperty("reason").GetString());
    }

    [Fact]
    public void Rollback_offer_goes_back_to_the_kept_previous_bundle()
    {
        var d = NewDevice(Bundle(5000));
        using var _ = d.Server;
        d.Boot();
        d.Run();
        d.Boot();
        d.Run();
        Assert.Equal("2.0.0", d.Store.CurrentVersion);
        d.Server.Action = "rollback";
        d.Server.Version = "1.0.0";
        d.Agent.CheckSoon();
        d.Run();
        Assert.Equal("1.0.0", d.Store.CurrentVersion);
        Assert.Equal([3], d.Store.Image("1.0.0")![2..]);
        d.Boot();
        d.Run();
        var report = Report(d.Server, 1);
        Assert.Equal("1.0.0", report.GetProperty("version").GetString());
        Assert.Equal("succeeded", report.GetProperty("outcome").GetString());
        Assert.Equal("rolled-back", report.GetProperty("reason").GetString());
    }

    [Fact]
    public void Version_with_a_plus_is_escaped_in_the_query()
    {
        var d = NewDevice(Bundle(100), current: "1.0.0+b7");
        using var _ = d.Server;
        d.Server.Action = "none";
        d.Boot();
        d.Agent.Step(true);
        Assert.StartsWith("GET /v1/updates?current=1.0.0%2Bb7 HTTP/1.1", d.Server.Requests[0]);
    }

    [Fact]
    public void Nothing_is_asked_while_the_terminal_is_busy()
    {
        var d = NewDevice(Bundle(5000));
        using var _ = d.Server;
        d.Boot();
        Assert.False(d.Agent.Step(false));
        Assert.Empty(d.Server.Requests);
        Assert.True(d.Agent.Step(true));
        Assert.Single(d.Server.Requests);
    }

    [Fact]
    public void Flash_write_error_stops_the_download_and_is_reported()
    {
        var d = NewDevice(Bundle(9000));
        using var _ = d.Server;
        d.Store.FailWritesAfterBytes = 6000;
        d.Boot();
        d.Run();
        Assert.Equal("1.0.0", d.Store.CurrentVersion);
        Assert.Null(d.Store.StagedVersion);
        Assert.Equal(2, d.Server.RangeHeaders().Count);
        Assert.Equal("stage-failed", Report(d.Server, 0).GetProperty("reason").GetString());
    }

    [Fact]
    public void Failed_switch_keeps_the_running_bundle()
    {
        var d = NewDevice(Bundle(5000));
        using var _ = d.Server;
        d.Store.FailCommit = true;
        d.Boot();
        d.Run();
        Assert.Equal("1.0.0", d.Store.CurrentVersion);
        Assert.False(d.Store.OnTrial);
        Assert.Equal("switch-failed", Report(d.Server, 0).GetProperty("reason").GetString());
    }

    [Fact]
    public void Bundle_larger_than_the_slot_is_refused_without_downloading()
    {
        var d = new Device { Server = new UpdateServer("2.0.0", Bundle(5000)), Store = new EmulatedAppImageStore("1.0.0", null, slotCapacity: 4000) };
        using var _ = d.Server;
        d.Boot();
        d.Run();
        Assert.Empty(d.Server.RangeHeaders());
        Assert.Equal("too-large", Report(d.Server, 0).GetProperty("reason").GetString());
    }
}
