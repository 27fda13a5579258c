using System.Diagnostics;
using Kiosk.Load.Terminals;

namespace Kiosk.Benchmarks.Floor;

/// <summary>CPU time (ms, user + system) read at one instant: this process, groups of its threads by name, the bridge child and
/// the run's PostgreSQL by database. Two readings subtract into the use between them.</summary>
internal sealed class CpuReading
{
    private CpuReading(Dictionary<string, double> parts) => Parts = parts;

    /// <summary>Every counter read, by part name.</summary>
    public Dictionary<string, double> Parts { get; }

    /// <summary>Process CPU under this key.</summary>
    public const string Process = "process";

    /// <summary>The bridge child process under this key.</summary>
    public const string Bridge = "bridge";

    /// <summary>PostgreSQL databases' keys start with this (the rest of the cluster is "pg:").</summary>
    public const string PostgresPrefix = "pg:";

    /// <summary>Reads the counters now: the process, each thread group (by name prefix), the bridge child and the cluster.</summary>
    public static CpuReading Take(IEnumerable<string> threadPrefixes, int? bridgePid, int? postgresPort)
    {
        var parts = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            [Process] = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime.TotalMilliseconds,
        };
        foreach (var prefix in threadPrefixes) parts[prefix] = ProcCpu.ThreadsOfThisProcessMs(prefix);
        if (bridgePid is { } pid) parts[Bridge] = ProcCpu.ProcessMs(pid) ?? double.NaN;
        if (postgresPort is { } port && ProcCpu.PostgresClusterByDatabaseMs(port) is { } pg)
            foreach (var (database, ms) in pg) parts[PostgresPrefix + database] = ms;
        return new CpuReading(parts);
    }

    /// <summary>Use from <paramref name="start"/> to this reading, by part (a database first seen in this reading started at 0).</summary>
    public Dictionary<string, double> Since(CpuReading start)
    {
        var use = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (name, ms) in Parts) use[name] = ms - start.Parts.GetValueOrDefault(name);
        return use;
    }

    /// <summary>Sum of the PostgreSQL parts (whole cluster).</summary>
    public static double PostgresTotal(Dictionary<string, double> use)
        => use.Where(p => p.Key.StartsWith(PostgresPrefix, StringComparison.Ordinal)).Sum(p => p.Value);

    /// <summary>A clock for the window's wall time.</summary>
    public static Stopwatch Clock() => Stopwatch.StartNew();
}
