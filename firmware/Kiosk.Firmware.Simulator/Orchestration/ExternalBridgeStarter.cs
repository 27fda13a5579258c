#if HAS_TERMINAL && HAS_CARD_STACK && HAS_CARD_EMULATOR && HAS_JPKI_PKI
using Kiosk.Firmware.Core.Session;
using Kiosk.Firmware.Simulator.Wiring;
#endif

namespace Kiosk.Firmware.Simulator.Orchestration;

/// <summary>
/// <c>--bridge-bundle DIR</c>: no bridge or municipality in process; the terminal core connects to the bridge named in a bundle
/// written by <c>kioskctl provision</c>, with that bundle's certificate and CA, which proves the bundle works end to end.
/// </summary>
internal static class ExternalBridgeStarter
{
    /// <summary>The firmware version a simulated board reports in its heartbeats.</summary>
    public const string FirmwareVersion = "simulator-1.17";

    /// <summary>The application version it reports: the portable core's assembly version.</summary>
    public static string AppVersion => typeof(ExternalBridgeStarter).Assembly.GetName().Version?.ToString() ?? "0.0.0";

    public static async Task StartAsync(SimulatorHost host, TextWriter log, CancellationToken ct)
    {
        var o = host.Options;
        var sim = host.Simulation;
        var parts = sim.Parts;
        await Task.Yield();
        ct.ThrowIfCancellationRequested();
#if HAS_TERMINAL && HAS_CARD_STACK && HAS_CARD_EMULATOR && HAS_JPKI_PKI
        var bundle = DeviceBundle.Load(o.BridgeBundle!);
        parts.Running("Host bridge", "external, " + bundle.BridgeUrl + " (mutual TLS with the bundle's certificate)");
        parts.Missing("Municipality", "behind the external bridge");
        var slot = new VirtualCardSlot(Kiosk.Hardware.Emulator.Pki.JpkiTestPki.Create());
        host.Track(new Disposer(slot.Dispose));
        sim.Cards = slot;
        parts.Running("Card emulator", "PN532 emulator on an in-memory UART, " + slot.Residents.Count + " virtual cards");
        var streams = new BundleStreamFactory(bundle);
        sim.ExternalLink = streams;
        var config = new SessionConfig();
        if (o.HeartbeatSeconds is { } seconds) config.HeartbeatMs = seconds * 1000;
        var terminal = new TerminalPart(sim.Board, slot.ReaderLink, streams, log, config);
        terminal.HeartbeatInfo.FirmwareVersion = FirmwareVersion;
        terminal.HeartbeatInfo.AppVersion = AppVersion;
        // A WROVER-class module's figures, so the console judges the simulated board like a real one.
        terminal.HeartbeatInfo.FreeHeap = 2 * 1024 * 1024;
        terminal.HeartbeatInfo.LargestFreeBlock = 1024 * 1024;
        var renewer = new Kiosk.Firmware.Core.Fleet.CertificateRenewer(terminal.Link, new BundleCredentialStore(o.BridgeBundle!, streams),
            sim.Board.Clock, (o.RenewCheckSeconds ?? 24 * 3600) * 1000);
        terminal.IdleWork = () =>
        {
            var result = renewer.Poll();
            if (result != Kiosk.Firmware.Core.Fleet.RenewalResult.Skipped && result != Kiosk.Firmware.Core.Fleet.RenewalResult.NotDue)
                log.WriteLine("terminal: certificate check: " + result + " (" + renewer.LastReason + ")");
        };
        host.Track(terminal);
        sim.Terminal = terminal;
        terminal.Start();
        parts.Running("Terminal core", "device " + bundle.DeviceId + " of store " + bundle.StoreId + " from bundle " + o.BridgeBundle);
#else
        parts.Missing("Terminal core", NotYet.Core);
        throw new InvalidOperationException("--bridge-bundle needs the terminal core and the card emulator, which this build lacks");
#endif
    }

    private sealed class Disposer(Action dispose) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            dispose();
            return ValueTask.CompletedTask;
        }
    }
}
