using Kiosk.Hardware.Emulator.Card;
using Kiosk.Load.Faults;
using Kiosk.Load.Harness;
using Kiosk.Load.Terminals;

namespace Kiosk.Benchmarks.Floor;

/// <summary>Layer (c), everything together on the same cores: the rig's headless terminals against the world's bridge child, the
/// load command's store clerk confirming payments, the municipality in this process. Counted: all of it (this process, the
/// bridge process, the whole PostgreSQL cluster).</summary>
internal static class WholeRigLayer
{
    /// <summary>Measures <paramref name="o"/>.Rounds rounds in <paramref name="world"/> into a new result.</summary>
    public static async Task<LayerResult> RunAsync(FloorOptions o, LoadWorld world, TextWriter log)
    {
        var result = new LayerResult("(c) everything together", "this process (terminals, cards, municipality, clerk) + bridge process + PostgreSQL");
        string muniDb = CpuReading.PostgresPrefix + FloorWorld.DatabaseOf(world.MunicipalDatabase);
        long printed = 0;
        await using var clerk = new StoreClerk(world.BridgeOps, world.StoreApiKey, null, new FaultRates(), workers: Math.Max(2, o.Terminals / 4));
        var ids = FloorWorld.DeviceIds(o.Terminals);
        var terminals = new List<HeadlessTerminal>();
        try
        {
            for (int i = 0; i < ids.Count; i++)
            {
                var profile = world.Jpki.Profiles.Get(LoadRun.Residents[i % LoadRun.Residents.Length]);
                terminals.Add(new HeadlessTerminal(new HeadlessTerminalOptions
                {
                    Name = ids[i],
                    Port = world.BridgeKiosk.Port,
                    DeviceCertificate = world.Devices[ids[i]],
                    FleetCa = world.FleetCa,
                    Card = VirtualMyNumberCard.Create(profile, world.Jpki),
                    Pin = profile.AuthPin!,
                    PaymentShown = clerk.Enqueue,
                    Completed = r => { if (r.Outcome == IssuanceOutcome.Printed) Interlocked.Increment(ref printed); },
                }));
            }
            log.WriteLine("floor: (c) everything together: " + terminals.Count + " terminals against the bridge child");
            foreach (var t in terminals) t.Start();
            long warmUpTo = o.WarmUp;
            string[] threads = [RigAloneLayer.TerminalThreads, RigAloneLayer.CardThreads];
            for (int round = 0; round < o.Rounds; round++)
            {
                var window = await MeasuredWindow.RunAsync(() => Interlocked.Read(ref printed), warmUpTo, o.Measured,
                    () => CpuReading.Take(threads, world.BridgeChild!.ProcessId, world.PostgresPort), o.Limit, log, result.Name);
                if (window is not { } w)
                {
                    result.Failure = "no result: " + Interlocked.Read(ref printed) + " printed before the time limit; failures: " + RigAloneLayer.Failures(terminals);
                    break;
                }
                double terminalsMs = w.Use[RigAloneLayer.TerminalThreads], cardsMs = w.Use[RigAloneLayer.CardThreads];
                double pgAll = CpuReading.PostgresTotal(w.Use), pgMuni = w.Use.GetValueOrDefault(muniDb);
                result.Add(w.Issuances, w.Wall,
                [
                    ("terminal threads", terminalsMs), ("card threads", cardsMs),
                    ("rest of this process (municipality, clerk, GC)", w.Use[CpuReading.Process] - terminalsMs - cardsMs),
                    ("bridge", w.Use[CpuReading.Bridge]), ("PostgreSQL without the municipality's database", pgAll - pgMuni),
                    ("municipality's database", pgMuni),
                ], _ => true);
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
}
