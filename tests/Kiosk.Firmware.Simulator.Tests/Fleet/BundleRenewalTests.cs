using Kiosk.Firmware.Core.Bridge;
using Kiosk.Firmware.Core.Fleet;
using Kiosk.Firmware.Simulator.Board;
using Kiosk.Firmware.Simulator.Orchestration;
using Kiosk.Firmware.Simulator.Wiring;
using Kiosk.HostBridge.Fleet;
using Kiosk.HostBridge.Fleet.Renewal;
using Microsoft.Extensions.DependencyInjection;

namespace Kiosk.Firmware.Simulator.Tests.Fleet;

/// <summary>The core's renewer on a provisioned bundle against a real bridge: flagged in the fleet, renewed over the terminal's
/// mTLS link, stored in the bundle, presented from the next connection on, and the superseded certificate retired.</summary>
public sealed class BundleRenewalTests
{
    [Fact]
    public async Task A_flagged_terminal_renews_its_bundle_certificate_over_its_own_link()
    {
        await using var bridge = await FleetBridge.StartAsync();
        var (bundleDir, deviceId) = await bridge.ProvisionAsync("store-renew", await bridge.TokenAsync("store-renew"));
        var bundle = DeviceBundle.Load(bundleDir);
        var streams = new BundleStreamFactory(bundle);
        var clock = new SystemClock();
        var link = new BridgeLink(streams, clock, "localhost");
        var store = new BundleCredentialStore(bundleDir, streams);
        var renewer = new CertificateRenewer(link, store, clock, 60_000);
        var oldSerial = store.CurrentSerial;

        Assert.Equal(RenewalResult.NotDue, await Task.Run(renewer.CheckNow));
        Assert.Equal("not-due", renewer.LastReason);

        var renewal = bridge.App.Services.GetRequiredService<CertificateRenewal>();
        await renewal.FlagAsync(new AdminPrincipal(FleetBridge.Admin, "131016"), deviceId, bridge.App.Services.GetRequiredService<Inventory>(),
            CancellationToken.None);
        Assert.Equal(RenewalResult.Renewed, await Task.Run(renewer.CheckNow));
        Assert.NotEqual(oldSerial, store.CurrentSerial);
        Assert.Equal(store.CurrentSerial, DeviceBundle.Load(bundleDir).DeviceCertificate.SerialNumber); // a restarted simulator presents it
        Assert.True(File.Exists(Path.Combine(bundleDir, "device.crt.previous.pem")));

        // The next check goes over a new connection with the renewed certificate, which retires the old one.
        var handshakes = streams.Handshakes;
        Assert.Equal(RenewalResult.NotDue, await Task.Run(renewer.CheckNow));
        Assert.Equal(handshakes + 1, streams.Handshakes);
        var overview = await renewal.OverviewAsync(new AdminPrincipal(FleetBridge.Admin, "131016"), CancellationToken.None);
        var renewed = Assert.Single(overview.Renewed, r => r.DeviceId == deviceId);
        Assert.Equal(oldSerial, renewed.OldSerial);
        Assert.NotNull(renewed.RetiredAt);

        streams.Certificate = bundle.DeviceCertificate; // the superseded certificate no longer opens the port
        link.Drop();
        var refused = streams.RefusedHandshakes;
        Assert.Equal(RenewalResult.Unreachable, await Task.Run(renewer.CheckNow));
        Assert.Equal(refused + 1, streams.RefusedHandshakes);
    }

    [Fact]
    public async Task The_running_simulator_renews_when_flagged_and_keeps_working_on_the_new_certificate()
    {
        await using var bridge = await FleetBridge.StartAsync();
        var (bundleDir, deviceId) = await bridge.ProvisionAsync("store-sim-renew", await bridge.TokenAsync("store-sim-renew"));
        var oldSerial = DeviceBundle.Load(bundleDir).DeviceCertificate.SerialNumber;
        var log = new StringWriter();
        var options = SimulatorOptions.Parse(["--port", "0", "--data", Path.Combine(bridge.Work, "sim"), "--bridge-bundle", bundleDir,
            "--heartbeat-seconds", "1", "--renew-check-seconds", "1"]);
        await using var simulator = await SimulatorHost.StartAsync(options, TextWriter.Synchronized(log), CancellationToken.None);

        var admin = new AdminPrincipal(FleetBridge.Admin, "131016");
        var renewal = bridge.App.Services.GetRequiredService<CertificateRenewal>();
        await renewal.FlagAsync(admin, deviceId, bridge.App.Services.GetRequiredService<Inventory>(), CancellationToken.None);

        RenewedCertificate? renewed = null;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            renewed = (await renewal.OverviewAsync(admin, CancellationToken.None)).Renewed.SingleOrDefault(r => r.DeviceId == deviceId);
            if (renewed?.RetiredAt is not null) break;
            await Task.Delay(200);
        }
        Assert.True(renewed?.RetiredAt is not null, "the simulated terminal did not renew and use its new certificate; log:\n" + log);
        Assert.Equal(oldSerial, renewed!.OldSerial);
        Assert.Equal(renewed.NewSerial, DeviceBundle.Load(bundleDir).DeviceCertificate.SerialNumber);
        Assert.Contains("certificate check: Renewed", log.ToString());
        await Task.Delay(2500);
        Assert.Equal(0, simulator.Simulation.ExternalLink!.RefusedHandshakes);
        var device = (await bridge.App.Services.GetRequiredService<Inventory>().DevicesAsync(admin, CancellationToken.None)).Single(d => d.DeviceId == deviceId);
        Assert.Equal(renewed.NewSerial, device.CertSerial);
        Assert.True(DateTimeOffset.UtcNow - device.LastHeartbeat < TimeSpan.FromSeconds(5), "no heartbeat on the renewed certificate");
    }
}
