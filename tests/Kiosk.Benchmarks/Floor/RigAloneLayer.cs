using Kiosk.Hardware.Emulator.Card;
using Kiosk.Hardware.Emulator.Pki;
using Kiosk.Load.Harness;
using Kiosk.Load.Terminals;

namespace Kiosk.Benchmarks.Floor;

/// <summary>Layer (a), the rig alone: the load command's headless terminals (real core, PN532 driver, PN532 emulator, virtual card
/// with PIN and RSA-2048 signature, bridge client over real mutual TLS) against <see cref="StubBridgeEndpoint"/>. Counted: the
/// terminals' threads and the card emulators' threads — what the load generator costs per issuance whatever the bridge does.</summary>
internal static class RigAloneLayer
{
    /// <summary>Thread name prefix of the headless terminals (Linux keeps 15 characters).</summary>
    public const string TerminalThreads = "terminal ";

    /// <summary>Thread name of the PN532 emulators (card included).</summary>
    public const string CardThreads = "pn532-emulator";

    /// <summary>Measures <paramref name="o"/>.Rounds rounds into a new result.</summary>
    public static async Task<LayerResult> RunAsync(FloorOptions o, TextWriter log)
    {
        var result = new LayerResult("(a) rig alone", "terminal threads (core, PN532 driver, TLS client) + card threads (PN532 emulator, card, RSA)");
        var now = DateTimeOffset.UtcNow;
        using var ca = Kiosk.HostBridge.DevPki.FleetCertificates.CreateCa("Kiosk floor benchmark fleet CA", now.AddDays(-1), now.AddDays(1));
        using var server = Kiosk.HostBridge.DevPki.FleetCertificates.IssueServer(ca, ["localhost"], [System.Net.IPAddress.Loopback], now.AddDays(-1), now.AddDays(1));
        using var endpoint = new StubBridgeEndpoint(server);
        var jpki = JpkiTestPki.Create();
        long printed = 0;
        var terminals = new List<HeadlessTerminal>();
        try
        {
            for (int i = 0; i < o.Terminals; i++)
            {
                var profile = jpki.Profiles.Get(LoadRun.Residents[i % LoadRun.Residents.Length]);
                var name = "floor-rig-" + i.ToString("D4", System.Globalization.CultureInfo.InvariantCulture);
                terminals.Add(new HeadlessTerminal(new HeadlessTerminalOptions
                {
                    Name = name,
                    Port = endpoint.Port,
                    DeviceCertificate = Kiosk.HostBridge.DevPki.FleetCertificates.IssueDevice(ca, name, now.AddDays(-1), now.AddDays(1)),
                    FleetCa = ca,
                    Card = VirtualMyNumberCard.Create(profile, jpki),
                    Pin = profile.AuthPin!,
                    Completed = r => { if (r.Outcome == IssuanceOutcome.Printed) Interlocked.Increment(ref printed); },
                }));
            }
            log.WriteLine("floor: (a) rig alone: " + terminals.Count + " terminals against a stub TLS endpoint on port " + endpoint.Port);
            foreach (var t in terminals) t.Start();
            long warmUpTo = o.WarmUp;
            for (int round = 0; round < o.Rounds; round++)
            {
                // Four times the others' count: this layer runs fast, and /proc counts each of its 32 threads in 10 ms ticks.
                var window = await MeasuredWindow.RunAsync(() => Interlocked.Read(ref printed), warmUpTo, o.Measured * 4,
                    () => CpuReading.Take([TerminalThreads, CardThreads], null, null), o.Limit, log, result.Name);
                if (window is not { } w)
                {
                    result.Failure = "no result: " + Interlocked.Read(ref printed) + " issuances before the time limit; failures: " + Failures(terminals);
                    break;
                }
                result.Add(w.Issuances, w.Wall,
                [
                    ("terminal threads", w.Use[TerminalThreads]), ("card threads", w.Use[CardThreads]),
                    ("rest of process (stub endpoint, GC)", w.Use[CpuReading.Process] - w.Use[TerminalThreads] - w.Use[CardThreads]),
                ], part => part is "terminal threads" or "card threads",
                    (terminals.Sum(t => t.Streams.Handshakes) / (double)Math.Max(1, Interlocked.Read(ref printed))).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) + " TLS handshakes per issuance");
                warmUpTo = 0;
            }
        }
        finally
        {
            foreach (var t in terminals) t.Stop();
            foreach (var t in terminals) t.Dispose();
        }
        return result;
    }

    /// <summary>The terminals' failures, for a layer that could not finish.</summary>
    public static string Failures(IEnumerable<HeadlessTerminal> terminals)
    {
        var failures = terminals.Where(t => t.Failure != null).Select(t => t.Name + ": " + t.Failure!.Message).ToList();
        return failures.Count == 0 ? "none" : string.Join("; ", failures.Take(3));
    }
}
