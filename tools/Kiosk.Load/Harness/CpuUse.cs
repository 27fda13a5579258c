using System.Diagnostics;
using Kiosk.Load.Terminals;

namespace Kiosk.Load.Harness;

/// <summary>CPU time (user + system, ms) each part of a run used during the terminal phase, read from /proc: the terminals' threads
/// (real core, bridge client, TLS), the PN532 emulator threads (card, including its RSA signatures), the rest of the load process
/// (municipality, store clerk, fault proxy, runtime; and the bridge when it runs in process), the bridge child process and the
/// run's PostgreSQL cluster. Null parts could not be measured apart.</summary>
public sealed record CpuUse(double LoadProcessMs, double TerminalThreadsMs, double CardThreadsMs, double? BridgeMs, double? PostgresMs)
{
    /// <summary>Bridge and PostgreSQL CPU per second of wall time with no terminal running (their fixed cost: worker passes, timers),
    /// measured before the phase; null when not measured.</summary>
    public (double BridgeMsPerSecond, double PostgresMsPerSecond)? Idle { get; init; }

    /// <summary>Measures <see cref="Idle"/> over <paramref name="window"/> (bridge child and own PostgreSQL only).</summary>
    public static async Task<(double, double)?> MeasureIdleAsync(int? bridgePid, int? postgresPort, TimeSpan window)
    {
        if (bridgePid is not { } b || postgresPort is not { } p) return null;
        var b0 = ProcCpu.ProcessMs(b);
        var p0 = ProcCpu.PostgresClusterMs(p);
        var clock = Stopwatch.StartNew();
        await Task.Delay(window);
        var b1 = ProcCpu.ProcessMs(b);
        var p1 = ProcCpu.PostgresClusterMs(p);
        double s = clock.Elapsed.TotalSeconds;
        return b0 is null || p0 is null || b1 is null || p1 is null ? null : ((b1.Value - b0.Value) / s, (p1.Value - p0.Value) / s);
    }

    /// <summary>Load process CPU outside the terminal and card threads.</summary>
    public double RestOfLoadProcessMs => Math.Max(0, LoadProcessMs - TerminalThreadsMs - CardThreadsMs);

    /// <summary>Everything measured.</summary>
    public double TotalMs => LoadProcessMs + (BridgeMs ?? 0) + (PostgresMs ?? 0);

    /// <summary>A reading taken before the terminals start; <see cref="Since"/> turns it into the phase's use.</summary>
    public sealed class Mark
    {
        private readonly double _process, _cards;
        private readonly double? _bridge, _postgres;
        private readonly int? _bridgePid, _postgresPort;

        /// <summary>Reads the counters now.</summary>
        public Mark(int? bridgePid, int? postgresPort)
        {
            _bridgePid = bridgePid;
            _postgresPort = postgresPort;
            _process = Process.GetCurrentProcess().TotalProcessorTime.TotalMilliseconds;
            _cards = ProcCpu.ThreadsOfThisProcessMs("pn532-emulator");
            _bridge = bridgePid is { } b ? ProcCpu.ProcessMs(b) : null;
            _postgres = postgresPort is { } p ? ProcCpu.PostgresClusterMs(p) : null;
        }

        /// <summary>Use since the mark; <paramref name="terminalThreadsMs"/> is the sum the terminal threads read on themselves
        /// (they start after the mark, and end before this is called).</summary>
        public CpuUse Since(double terminalThreadsMs, (double, double)? idle)
        {
            double process = Process.GetCurrentProcess().TotalProcessorTime.TotalMilliseconds - _process;
            double cards = ProcCpu.ThreadsOfThisProcessMs("pn532-emulator") - _cards;
            double? bridge = _bridgePid is { } b && _bridge is { } b0 && ProcCpu.ProcessMs(b) is { } b1 ? b1 - b0 : null;
            double? postgres = _postgresPort is { } p && _postgres is { } p0 && ProcCpu.PostgresClusterMs(p) is { } p1 ? p1 - p0 : null;
            return new CpuUse(process, terminalThreadsMs, cards, bridge, postgres) { Idle = idle };
        }
    }
}
