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
    public static double? PostgresClusterMs(int port)
    {
        var portText = port.ToString(CultureInfo.InvariantCulture);
        int? postmaster = null;
        var stats = new List<(int Pid, int Parent, string Stat)>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)) continue;
            var stat = TryReadAll(Path.Combine(dir, "stat"));
            if (stat is null || Comm(stat) != "postgres") continue;
            stats.Add((pid, Field(stat, 4), stat));
            var cmd = TryReadAll(Path.Combine(dir, "cmdline"));
            if (cmd is null) continue;
            var args = cmd.Split('\0');
            for (int i = 0; i + 1 < args.Length; i++)
                if (args[i] == "-p" && args[i + 1] == portText) postmaster = pid;
        }
        if (postmaster is null) return null;
        double ticks = 0;
        foreach (var (pid, parent, stat) in stats)
        {
            if (pid == postmaster) ticks += Ticks(stat, children: true);
            else if (parent == postmaster) ticks += Ticks(stat, children: false);
        }
        return ticks * MsPerTick;
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
