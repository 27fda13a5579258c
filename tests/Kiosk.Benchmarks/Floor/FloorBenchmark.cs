namespace Kiosk.Benchmarks.Floor;

/// <summary>The <c>floor</c> subcommand: the least CPU an issuance can cost on this machine with the rig issue #11 prescribes,
/// layer by layer — (a) the rig alone, (b) bridge + PostgreSQL alone (fsync as the load command runs it, off, and, unless
/// <c>--no-fsync-reference</c>, on), (c) everything together — each against the 4 CPU ms per issuance that 500/s on 2 cores leaves.</summary>
internal static class FloorBenchmark
{
    /// <summary>Runs it; 0 when every layer was measured.</summary>
    public static int Run(string[] args)
    {
        var o = FloorOptions.Parse(args);
        if (o is null) return 2;
        var log = Console.Error;
        string loadBefore = LoadAverage();
        var layers = new List<LayerResult>();
        try
        {
            RunLayersAsync(o, layers, log).GetAwaiter().GetResult();
        }
        catch (Exception e)
        {
            log.WriteLine("floor: stopped: " + e.GetType().Name + ": " + e.Message);
            layers.Add(new LayerResult("(stopped)", "") { Failure = e.GetType().Name + ": " + e.Message });
        }
        string machine = Environment.ProcessorCount + " CPUs, load average " + loadBefore + " before and " + LoadAverage() + " after";
        string table = FloorTable.Render(layers, o, machine);
        Console.WriteLine(table);
        if (o.Markdown != null) File.WriteAllText(o.Markdown, table);
        return layers.All(l => l.Lowest != null) ? 0 : 1;
    }

    private static async Task RunLayersAsync(FloorOptions o, List<LayerResult> layers, TextWriter log)
    {
        layers.Add(await RigAloneLayer.RunAsync(o, log));
        log.WriteLine("floor: starting PostgreSQL (fsync off, as the load command runs it), the municipality and the bridge");
        await using (var world = await FloorWorld.StartAsync(o, fsyncOn: false, log))
        {
            layers.Add(await BridgeAloneLayer.RunAsync(o, world, "(b) bridge + PostgreSQL, fsync off", log));
            layers.Add(await WholeRigLayer.RunAsync(o, world, log));
        }
        if (!o.FsyncReference) return;
        log.WriteLine("floor: starting PostgreSQL with fsync on, the municipality and the bridge");
        await using (var world = await FloorWorld.StartAsync(o, fsyncOn: true, log))
            layers.Add(await BridgeAloneLayer.RunAsync(o, world, "(b) bridge + PostgreSQL, fsync on (reference)", log));
    }

    // The 1-minute load average: on a shared machine it says how far to trust the figures.
    private static string LoadAverage()
    {
        try
        {
            return File.ReadAllText("/proc/loadavg").Split(' ')[0];
        }
        catch (IOException)
        {
            return "unknown";
        }
    }
}
