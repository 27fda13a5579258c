using Kiosk.Load.Harness;
using Kiosk.Load.Terminals;

namespace Kiosk.Benchmarks.Floor;

/// <summary>Layer (b), bridge + PostgreSQL alone: <see cref="BridgeDriver"/>s against the world's bridge child. Counted: the bridge
/// process and the PostgreSQL cluster less the municipality's database; the municipality (the rest of this process with its own
/// database's backends) is given apart, and the drivers' own threads are not counted.</summary>
internal static class BridgeAloneLayer
{
    /// <summary>Measures <paramref name="o"/>.Rounds rounds in <paramref name="world"/> into a new result named <paramref name="name"/>.</summary>
    public static async Task<LayerResult> RunAsync(FloorOptions o, LoadWorld world, string name, TextWriter log)
    {
        var result = new LayerResult(name, "bridge process + PostgreSQL (bridge database, WAL writer, checkpointer, …); municipality apart");
        string muniDb = CpuReading.PostgresPrefix + FloorWorld.DatabaseOf(world.MunicipalDatabase);
        long printed = 0;
        using var register = new HttpClient { BaseAddress = world.BridgeOps, Timeout = TimeSpan.FromSeconds(30) };
        register.DefaultRequestHeaders.Add("X-Store-Api-Key", world.StoreApiKey);
        var ids = FloorWorld.DeviceIds(o.Terminals);
        var drivers = ids.Select((id, i) => new BridgeDriver(
            new MutualTlsStreams("127.0.0.1", world.BridgeKiosk.Port, world.Devices[id], world.FleetCa),
            world.Jpki.Resident(LoadRun.Residents[i % LoadRun.Residents.Length]),
            register, () => Interlocked.Increment(ref printed))).ToList();
        log.WriteLine("floor: " + name + ": " + drivers.Count + " drivers against the bridge child");
        foreach (var d in drivers) d.Start();
        try
        {
            long warmUpTo = o.WarmUp;
            for (int round = 0; round < o.Rounds; round++)
            {
                var window = await MeasuredWindow.RunAsync(() => Interlocked.Read(ref printed), warmUpTo, o.Measured,
                    () => CpuReading.Take([BridgeDriver.Threads], world.BridgeChild!.ProcessId, world.PostgresPort), o.Limit, log, name);
                if (window is not { } w)
                {
                    var failures = drivers.Where(d => d.Failure != null).Select(d => d.Failure).Take(3).ToList();
                    result.Failure = "no result: " + Interlocked.Read(ref printed) + " issuances before the time limit; failures: "
                        + (failures.Count == 0 ? "none" : string.Join("; ", failures));
                    break;
                }
                double pgAll = CpuReading.PostgresTotal(w.Use), pgMuni = w.Use.GetValueOrDefault(muniDb);
                result.Add(w.Issuances, w.Wall,
                [
                    ("bridge", w.Use[CpuReading.Bridge]), ("PostgreSQL without the municipality's database", pgAll - pgMuni),
                    ("municipality (rest of this process)", w.Use[CpuReading.Process] - w.Use[BridgeDriver.Threads]),
                    ("municipality's database", pgMuni), ("drivers (not counted)", w.Use[BridgeDriver.Threads]),
                ], part => part is "bridge" or "PostgreSQL without the municipality's database");
                warmUpTo = 0;
            }
        }
        finally
        {
            foreach (var d in drivers) d.Stop();
        }
        return result;
    }
}
