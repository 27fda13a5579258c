using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace Kiosk.EndToEnd.Tests.Crash;

/// <summary>What a fault does: kill a part, wait, bring it back. Gets the run's random source for its own pauses.</summary>
public delegate Task Fault(CrashRig rig, Random random);

/// <summary>The figures of one crash run.</summary>
public sealed record CrashReport(string Name, int Seed, int Faults, int Terminals, TimeSpan Duration, string Orders, int Recoveries,
    IReadOnlyDictionary<string, int> OpenAtFault, int[] PrintedAfterLastFault, IReadOnlyList<string> Violations, string AuditVerdict,
    IReadOnlyDictionary<string, int> Recovered, int LostJobSheets)
{
    /// <summary>One line for the test log and for docs/reliability.md.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"crash {Name}: seed {Seed}, {Faults} faults, {Terminals} terminals, {Duration.TotalSeconds:F0} s; {Orders}; "
        + $"orders open at the faults: {string.Join(", ", OpenAtFault.OrderBy(k => k.Key).Select(k => k.Key + " " + k.Value))}; "
        + $"recovery rules fired: {(Recovered.Count == 0 ? "none" : string.Join(", ", Recovered.OrderBy(k => k.Key).Select(k => k.Key + " " + k.Value)))}; "
        + $"terminal recoveries {Recoveries}; printed per terminal after the last fault [{string.Join(",", PrintedAfterLastFault)}]; "
        + $"sheets out for jobs the printer forgot (refunded, printer-lost-job) {LostJobSheets}; violations {Violations.Count}; {AuditVerdict}");
}

/// <summary>
/// Drives a crash run: terminals in a loop against the rig, a fault injected at seeded random moments (so faults land in
/// every step of a transaction), traffic after the last fault until every terminal printed again on its own, a settle
/// period until every order is final, then the ledger's invariants and <c>verify-audit</c> on the database.
/// </summary>
public static class CrashRun
{
    /// <summary>Runs and returns the report (assertions are the caller's).</summary>
    public static async Task<CrashReport> RunAsync(string name, CrashRig rig, Fault fault, int faults, int seed,
        TimeSpan minGap, TimeSpan maxGap, Action<string> log)
    {
        var random = new Random(seed);
        var clock = Stopwatch.StartNew();
        var orders = new ConcurrentBag<TerminalOrder>();
        var terminals = rig.Terminals.Select((t, i) => new WireTerminal(i, t.Device, t.Card, rig, seed * 31 + i)).ToList();
        using var stop = new CancellationTokenSource();
        var running = terminals.Select(t => Task.Run(() => t.RunAsync(orders, () => true, stop.Token))).ToList();
        var openAtFault = new Dictionary<string, int>(StringComparer.Ordinal);
        try
        {
            for (var i = 0; i < faults; i++)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(minGap.TotalMilliseconds + random.NextDouble() * (maxGap - minGap).TotalMilliseconds));
                foreach (var (state, n) in await CrashLedger.OpenByStateAsync(rig)) openAtFault[state] = openAtFault.GetValueOrDefault(state) + n;
                await fault(rig, random);
                log("fault " + (i + 1) + "/" + faults + " at " + clock.Elapsed.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture) + " s");
            }
            // Terminals must come back on their own: each prints at least two more documents after the last fault.
            var lastFault = DateTime.UtcNow;
            var baseline = terminals.Select(t => t.SeenPrinted).ToArray();
            var until = DateTime.UtcNow.AddSeconds(60);
            while (DateTime.UtcNow < until && terminals.Select((t, i) => t.SeenPrinted - baseline[i]).Any(n => n < 2)) await Task.Delay(200);
            var printedAfter = terminals.Select((t, i) => t.SeenPrinted - baseline[i]).ToArray();
            await stop.CancelAsync();
            await Task.WhenAll(running);

            // Settle: every order the bridge knows must reach a final state, and the money of every order that ended without
            // paper must go back, by the bridge's own recovery (a void cut off by the fault is redone by its settlement sweep).
            var settleUntil = DateTime.UtcNow.AddSeconds(90);
            while (DateTime.UtcNow < settleUntil && await CrashLedger.UnsettledAsync(rig) != 0) await Task.Delay(250);
            // Let the printer finish writing its last sheet line.
            await Task.Delay(500);

            var ledger = await CrashLedger.ReadAsync(rig);
            var violations = ledger.Violations(orders);
            var (exit, output) = await rig.Bridge.RunCommandAsync("verify-audit");
            var verdict = output.Trim().Split('\n').LastOrDefault(l => l.Contains("Audit chain", StringComparison.Ordinal)) ?? ("verify-audit exit " + exit + ": " + output);
            if (exit != 0) violations.Add("verify-audit exit " + exit + ": " + verdict);
            return new CrashReport(name, seed, faults, terminals.Count, clock.Elapsed, ledger.Summary(), terminals.Sum(t => t.Recoveries),
                openAtFault, printedAfter, violations, verdict.Trim(), await CrashLedger.RecoveriesAsync(rig), ledger.LostJobSheets);
        }
        finally
        {
            if (!stop.IsCancellationRequested) await stop.CancelAsync();
            try
            {
                await Task.WhenAll(running);
            }
            catch (Exception)
            {
                // Already reported through the result or the exception that brought us here.
            }
            foreach (var t in terminals) t.Dispose();
        }
    }

    /// <summary>An int from the environment, or the fallback.</summary>
    public static int EnvInt(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : fallback;

    /// <summary>True when KIOSK_LONG=1 asks for the long runs.</summary>
    public static bool Long => Environment.GetEnvironmentVariable("KIOSK_LONG") == "1";
}
