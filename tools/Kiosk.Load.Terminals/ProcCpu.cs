using System.Globalization;
using System.Text;

namespace Kiosk.Load.Terminals;

/// <summary>CPU time as Linux counts it in /proc (utime + stime, in clock ticks of 10 ms): of a process, of this process's threads
/// by name, and of a whole PostgreSQL cluster (its postmaster, the children it reaped, and its live backends). Null where /proc
/// has no answer (not Linux, process gone).</summary>
public static class ProcCpu
{
    private const double MsPerTick = 10; // USER_HZ is 100 on every Linux ABI .NET runs on

    /// <summary>utime + stime of a process (all its threads, dead ones included), in ms.</summary>
    public static double? ProcessMs(int pid) => Read("/proc/" + pid.ToString(CultureInfo.InvariantCulture) + "/stat", children: false);

    /// <summary>utime + stime of the calling thread so far, in ms.</summary>
    public static double? CurrentThreadMs() => Read("/proc/thread-self/stat", children: false);

    /// <summary>Sum over this process's live threads whose name starts with <paramref name="namePrefix"/> (names are cut to 15 characters by Linux).</summary>
    public static double ThreadsOfThisProcessMs(string namePrefix)
    {
        double sum = 0;
        try
        {
            foreach (var dir in Directory.EnumerateDirectories("/proc/self/task"))
            {
                var stat = TryReadAll(Path.Combine(dir, "stat"));
                if (stat is null || !Comm(stat).StartsWith(namePrefix, StringComparison.Ordinal)) continue;
                sum += Ticks(stat, children: false) * MsPerTick;
            }
        }
        catch (IOException)
        {
        }
        return sum;
    }

    /// <summary>The PostgreSQL cluster listening on <paramref name="port"/>: its postmaster (found by "-p PORT" on its command line)
    /// with the CPU of the backends it already reaped, plus its live children. Null when no postmaster for that port is found.</summary>
    public static double? PostgresClusterMs(int port) => PostgresClusterByDatabaseMs(port)?.Values.Sum();

    /// <summary>The same cluster's CPU split by what each process serves: live backends under their database's name (from the
    /// process title "postgres: user database host(port) state"), everything else (postmaster with the backends it reaped,
    /// checkpointer, WAL writer, autovacuum) under "". Null when no postmaster for that port is found.</summary>
    public static Dictionary<string, double>? PostgresClusterByDatabaseMs(int port)
    {
        var portText = port.ToString(CultureInfo.InvariantCulture);
        int? postmaster = null;
        var stats = new List<(int Pid, int Parent, string Stat, string[] Args)>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)) continue;
            var stat = TryReadAll(Path.Combine(dir, "stat"));
            if (stat is null || Comm(stat) != "postgres") continue;
            var args = TryReadAll(Path.Combine(dir, "cmdline"))?.Split('\0') ?? [];
            stats.Add((pid, Field(stat, 4), stat, args));
            for (int i = 0; i + 1 < args.Length; i++)
                if (args[i] == "-p" && args[i + 1] == portText) postmaster = pid;
        }
        if (postmaster is null) return null;
        var byDatabase = new Dictionary<string, double>(StringComparer.Ordinal) { [""] = 0 };
        foreach (var (pid, parent, stat, args) in stats)
        {
            if (pid == postmaster) byDatabase[""] += Ticks(stat, children: true) * MsPerTick;
            else if (parent == postmaster)
            {
                string database = BackendDatabase(args);
                byDatabase[database] = byDatabase.GetValueOrDefault(database) + Ticks(stat, children: false) * MsPerTick;
            }
        }
        return byDatabase;
    }

    // A backend's title is "postgres: user database 127.0.0.1(port) state"; background workers' titles have no client part.
    private static string BackendDatabase(string[] args)
    {
        var title = args.Length > 0 ? args[0].Split(' ', StringSplitOptions.RemoveEmptyEntries) : [];
        return title.Length >= 4 && title[0] == "postgres:" && (title[3].Contains('(', StringComparison.Ordinal) || title[3] == "[local]") ? title[2] : "";
    }

    private static double? Read(string path, bool children)
    {
        var stat = TryReadAll(path);
        return stat is null ? null : Ticks(stat, children) * MsPerTick;
    }

    private static string? TryReadAll(string path)
    {
        try
        {
            return File.ReadAllText(path, Encoding.ASCII);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    // The name sits in parentheses and may itself hold spaces or parentheses: fields are counted after the last ')'.
    private static string Comm(string stat)
    {
        int open = stat.IndexOf('('), close = stat.LastIndexOf(')');
        return open >= 0 && close > open ? stat[(open + 1)..close] : "";
    }

    private static long Ticks(string stat, bool children)
    {
        long t = Field(stat, 14) + Field(stat, 15);
        if (children) t += Field(stat, 16) + Field(stat, 17);
        return t;
    }

    /// <summary>Field n (1-based, as in proc(5)) of a stat line.</summary>
    private static int Field(string stat, int n) => (int)Math.Min(int.MaxValue, FieldLong(stat, n));

    private static long FieldLong(string stat, int n)
    {
        var rest = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        // rest[0] is field 3 (state).
        return long.TryParse(rest[n - 3], NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : 0;
    }
}
