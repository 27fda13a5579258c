using Kiosk.Firmware.Core.Bridge;
using Kiosk.Firmware.Core.Fleet;
using Kiosk.Firmware.Core.Hardware;
using Kiosk.Firmware.Core.Tests.Bridge;

namespace Kiosk.Firmware.Core.Tests.Fleet;

/// <summary>The core's certificate renewer against a loopback server playing the bridge's renewal routes.</summary>
public sealed class CertificateRenewerTests
{
    private const string Pem = "-----BEGIN CERTIFICATE-----\\nMIIB\\n-----END CERTIFICATE-----\\n";

    private sealed class ManualClock : IClock
    {
        public long MonotonicMs { get; set; }

        public DateTime UtcNow => new DateTime(2026, 11, 22, 0, 0, 0, DateTimeKind.Utc).AddMilliseconds(MonotonicMs);
    }

    private static (CertificateRenewer Renewer, MemoryCredentialStore Store, BridgeLink Link, ManualClock Clock) Make(LoopbackBridgeServer server)
    {
        var clock = new ManualClock();
        var link = new BridgeLink(server.Factory(), clock, "localhost");
        var store = new MemoryCredentialStore("AA01");
        return (new CertificateRenewer(link, store, clock, 60_000), store, link, clock);
    }

    [Fact]
    public void Not_due_asks_once_and_renews_nothing()
    {
        using var server = new LoopbackBridgeServer { Handler = (route, _) => route == "GET /v1/certificate"
            ? (200, "{\"serial\":\"AA01\",\"notAfter\":\"2027-12-01T00:00:00Z\",\"due\":false,\"reason\":\"not-due\",\"renewed\":false,\"certificate\":null}")
            : throw new InvalidOperationException(route) };
        var (renewer, store, _, clock) = Make(server);
        Assert.Equal(RenewalResult.NotDue, renewer.Poll());
        Assert.Equal("not-due", renewer.LastReason);
        clock.MonotonicMs += 59_000;
        Assert.Equal(RenewalResult.Skipped, renewer.Poll());
        Assert.Equal(["GET /v1/certificate"], server.RequestLines);
        Assert.Equal("AA01", store.CurrentSerial);
        Assert.Null(store.CertificatePem);
    }

    [Fact]
    public void Due_renews_stores_the_new_certificate_and_drops_the_link_so_the_next_connection_presents_it()
    {
        using var server = new LoopbackBridgeServer
        {
            Handler = (route, body) => route switch
            {
                "GET /v1/certificate" => (200, "{\"serial\":\"AA01\",\"notAfter\":\"2026-12-01T00:00:00Z\",\"due\":true,\"reason\":\"flagged\",\"renewed\":false,\"certificate\":null}"),
                "POST /v1/certificate/renew" => (200, "{\"serial\":\"BB02\",\"notAfter\":\"2027-12-01T00:00:00Z\",\"due\":false,\"reason\":null,\"renewed\":true,\"certificate\":\"" + Pem + "\"}"),
                _ => throw new InvalidOperationException(route),
            },
        };
        var (renewer, store, link, _) = Make(server);
        Assert.Equal(RenewalResult.Renewed, renewer.CheckNow());
        Assert.Equal(["GET /v1/certificate", "POST /v1/certificate/renew"], server.RequestLines);
        Assert.Equal("{}", server.Bodies[1]);
        Assert.Equal("BB02", store.CurrentSerial);
        Assert.StartsWith("-----BEGIN CERTIFICATE-----\n", store.CertificatePem);
        Assert.False(link.IsConnected);
        Assert.Equal(1, server.Connections);
    }

    [Fact]
    public void A_store_that_cannot_write_keeps_the_old_certificate()
    {
        using var server = new LoopbackBridgeServer
        {
            Handler = (route, _) => route == "GET /v1/certificate"
                ? (200, "{\"serial\":\"AA01\",\"due\":true,\"reason\":\"expiring\",\"renewed\":false}")
                : (200, "{\"serial\":\"BB02\",\"due\":false,\"renewed\":true,\"certificate\":\"" + Pem + "\"}"),
        };
        var (renewer, store, _, _) = Make(server);
        store.FailWrites = true;
        Assert.Equal(RenewalResult.StoreFailed, renewer.CheckNow());
        Assert.Equal("AA01", store.CurrentSerial);
    }

    [Fact]
    public void Problem_answers_and_garbage_are_told_apart()
    {
        using var revoked = new LoopbackBridgeServer { Handler = (_, _) => (401, "{\"code\":\"unauthenticated-device\",\"status\":401}") };
        var (renewer, _, _, _) = Make(revoked);
        Assert.Equal(RenewalResult.Refused, renewer.CheckNow());
        Assert.Equal("unauthenticated-device", renewer.LastReason);

        using var noCertificate = new LoopbackBridgeServer
        {
            Handler = (route, _) => route == "GET /v1/certificate" ? (200, "{\"due\":true}") : (200, "{\"renewed\":true,\"serial\":\"BB02\",\"certificate\":\"not a pem\"}"),
        };
        var (second, store, _, _) = Make(noCertificate);
        Assert.Equal(RenewalResult.BadAnswer, second.CheckNow());
        Assert.Equal("AA01", store.CurrentSerial);
    }

    [Fact]
    public void Unreachable_bridge_is_reported_and_retried_at_the_next_interval()
    {
        var clock = new ManualClock();
        var link = new BridgeLink(new NoBridge(), clock, "localhost");
        var renewer = new CertificateRenewer(link, new MemoryCredentialStore("AA01"), clock, 1000);
        Assert.Equal(RenewalResult.Unreachable, renewer.Poll());
        Assert.Equal(RenewalResult.Skipped, renewer.Poll());
        clock.MonotonicMs += 5000;
        Assert.Equal(RenewalResult.Unreachable, renewer.Poll());
    }

    private sealed class NoBridge : IStreamFactory
    {
        public Stream? Connect() => null;
    }
}
