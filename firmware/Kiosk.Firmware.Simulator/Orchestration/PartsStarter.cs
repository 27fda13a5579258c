#if HAS_JPKI_PKI || HAS_BRIDGE || HAS_MUNICIPALITY || HAS_TERMINAL
using Kiosk.Firmware.Simulator.Wiring;
#endif

namespace Kiosk.Firmware.Simulator.Orchestration;

/// <summary>Starts the test PKI, the municipality, the bridge, the card emulator and the core, reporting each. A part that
/// is not in this build, or fails to start, is reported with its reason; the others still run.</summary>
internal static class PartsStarter
{
    public static async Task StartAllAsync(SimulatorHost host, TextWriter log, CancellationToken ct)
    {
        var o = host.Options;
        if (o.BridgeBundle != null)
        {
            await ExternalBridgeStarter.StartAsync(host, log, ct);
            return;
        }
        var sim = host.Simulation;
        var parts = sim.Parts;
        await Task.Yield();

#if HAS_JPKI_PKI
        JpkiTrust? trust = null;
        try
        {
            trust = JpkiTrust.Export(Path.Combine(o.DataDirectory, "jpki"));
            parts.Running("Test JPKI PKI", "trust anchor and CRL in " + Path.GetDirectoryName(trust.AuthCaPem));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            parts.Missing("Test JPKI PKI", "failed to generate: " + e.Message);
        }
#else
        parts.Missing("Test JPKI PKI", NotYet.CardEmulator);
#endif

#if HAS_MUNICIPALITY && HAS_JPKI_PKI
        MunicipalityPart? municipality = null;
        if (trust != null)
        {
            try
            {
                municipality = await MunicipalityPart.StartAsync(o, trust.CardMap, ct);
                host.Track(municipality);
                parts.Running("Municipality", municipality.Url + " (" + (o.PostgresConnectionString == null ? "SQLite" : "PostgreSQL") + ", " + MunicipalityPart.Describe(o.MunicipalityClock) + ")");
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                parts.Missing("Municipality", "failed to start: " + e.Message);
            }
        }
        else parts.Missing("Municipality", "needs the test JPKI PKI's card map");
#else
        parts.Missing("Municipality", NotYet.Municipality);
#endif

#if HAS_BRIDGE && HAS_JPKI_PKI
        BridgePart? bridge = null;
        if (trust != null)
        {
            try
            {
#if HAS_MUNICIPALITY
                string? municipalityUrl = municipality?.Url;
#else
                string? municipalityUrl = null;
#endif
                bridge = await BridgePart.StartAsync(o, trust.AuthCaPem, trust.AuthCrlDer, municipalityUrl, sim.Printed.Folder, ct);
                host.Track(bridge);
                parts.Running("Host bridge", bridge.KioskEndpoint + " (mutual TLS), ops " + bridge.OpsUrl + " ("
                    + (o.PostgresConnectionString == null ? "SQLite" : "PostgreSQL") + ", dev PKI in " + Path.Combine(o.DataDirectory, "bridge", "pki") + ")");
                string? issuance = bridge.IssuanceGap();
                if (issuance == null) parts.Running("Issuance", "the bridge asks the municipality's API");
                else parts.Missing("Issuance", issuance);
                string? printer = bridge.PrinterGap();
                if (printer == null) parts.Running("Printer", o.IppPrinterUrl ?? ("folder printer writing PDFs to " + sim.Printed.Folder));
                else parts.Missing("Printer", printer);
                if (o.Payment == "free") parts.Running("Payment", "free (nothing to pay)");
#if HAS_PAYMENTS
                else if (bridge.PaymentProvider is Kiosk.HostBridge.Payments.PayAtRegisterProvider)
                    parts.Running("Payment", "pay at the register of store " + BridgePart.DevStore + " (the front panel's button is its POS)");
#endif
                else parts.Missing("Payment", NotYet.Payments);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                parts.Missing("Host bridge", "failed to start: " + e.Message);
            }
        }
        else parts.Missing("Host bridge", "needs the test JPKI PKI's trust anchor");
#else
        parts.Missing("Host bridge", NotYet.Bridge);
#endif

#if HAS_CARD_EMULATOR && HAS_JPKI_PKI
        VirtualCardSlot? slot = null;
        if (trust != null)
        {
            slot = new VirtualCardSlot(trust.Pki);
            host.Track(new Disposer(slot.Dispose));
            sim.Cards = slot;
            parts.Running("Card emulator", "PN532 emulator on an in-memory UART, " + slot.Residents.Count + " virtual cards");
            // Key generation for every card takes a moment; do it while the visitor reads the page.
            _ = Task.Run(() =>
            {
                try { slot.Warm(); }
                catch (Exception e) { log.WriteLine("card emulator: " + e.Message); }
            }, CancellationToken.None);
        }
        else parts.Missing("Card emulator", "needs the test JPKI PKI");
#else
        parts.Missing("Card emulator", NotYet.CardEmulator);
#endif

#if HAS_TERMINAL && HAS_CARD_STACK && HAS_BRIDGE && HAS_CARD_EMULATOR && HAS_JPKI_PKI
        if (bridge != null && slot != null)
        {
            var streams = new MutualTlsStreamFactory(bridge.KioskEndpoint.Host, bridge.KioskEndpoint.Port, bridge.DeviceCertificate, bridge.FleetCa);
            var terminal = new TerminalPart(sim.Board, slot.ReaderLink, streams, log);
            host.Track(terminal);
            sim.Terminal = terminal;
#if HAS_PAYMENTS
            if (o.Payment == "register") sim.Register = new BridgeRegister(bridge, terminal);
#endif
            terminal.Start();
            parts.Running("Terminal core", "session state machine on the simulated board; bridge link over mutual TLS as " + bridge.DeviceCertificate.GetNameInfo(System.Security.Cryptography.X509Certificates.X509NameType.SimpleName, false));
        }
        else parts.Missing("Terminal core", "needs the host bridge and the card emulator");
#else
        parts.Missing("Terminal core", NotYet.Core);
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
