using System.Globalization;
using Kiosk.Load;
using Kiosk.Load.Faults;
using Kiosk.Load.Harness;

namespace Kiosk.Benchmarks.Floor;

/// <summary>The load command's world (its own PostgreSQL with the bridge's and the municipality's databases, the reference
/// municipality in this process, the real bridge as a child process so its CPU is read apart, folder printers per store,
/// faults off), for the bridge-alone and everything-together layers.</summary>
internal static class FloorWorld
{
    /// <summary>Device ids enrolled in the world (one per terminal or driver).</summary>
    public static IReadOnlyList<string> DeviceIds(int count)
        => Enumerable.Range(1, count).Select(i => "floor-term-" + i.ToString("D4", CultureInfo.InvariantCulture)).ToList();

    /// <summary>Starts it; <paramref name="fsyncOn"/> runs PostgreSQL durably (the load command's cluster has fsync off).</summary>
    public static Task<LoadWorld> StartAsync(FloorOptions o, bool fsyncOn, TextWriter log)
    {
        var options = new LoadOptions
        {
            Terminals = o.Terminals,
            BridgeProcess = true,
            Faults = false,
            PgServerOptions = fsyncOn ? "-c fsync=on" : null,
        };
        return LoadWorld.StartAsync(options, DeviceIds(o.Terminals), null, new FaultRates(), log, CancellationToken.None);
    }

    /// <summary>The database name of a connection string (how its backends are named in the PostgreSQL parts).</summary>
    public static string DatabaseOf(string? connectionString)
        => connectionString is null ? "" : new Npgsql.NpgsqlConnectionStringBuilder(connectionString).Database ?? "";
}
