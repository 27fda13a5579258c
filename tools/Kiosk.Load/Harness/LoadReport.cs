using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Kiosk.Load.Checks;
using Kiosk.Load.Terminals;

namespace Kiosk.Load.Harness;

/// <summary>A run's figures: throughput, latency percentiles measured at the terminals, outcomes, injected faults and the
/// invariant counts; rendered as Markdown for docs/performance.md and docs/reliability.md.</summary>
public sealed class LoadReport(LoadOptions options, TimeSpan wall, bool complete, IReadOnlyList<IssuanceRecord> records, InvariantReport invariants)
{
    private readonly Dictionary<string, List<double>> _requests = new(StringComparer.Ordinal);
    private readonly List<double> _issuances = [];

    /// <summary>The run's options.</summary>
    public LoadOptions Options => options;
    /// <summary>Wall time of the terminal phase.</summary>
    public TimeSpan Wall => wall;
    /// <summary>False when the time limit stopped the run.</summary>
    public bool Complete => complete;
    /// <summary>Every transaction.</summary>
    public IReadOnlyList<IssuanceRecord> Records => records;
    /// <summary>The invariant counts.</summary>
    public InvariantReport Invariants => invariants;
    /// <summary>Terminal main loops that died with an exception (must be none).</summary>
    public List<string> Failures { get; init; } = [];
    /// <summary>TLS handshakes the terminals made.</summary>
    public int Handshakes { get; init; }
    /// <summary>Proxy counts.</summary>
    public (long Connections, long Delayed, long Dropped) Proxy { get; init; }
    /// <summary>Municipal fault counts.</summary>
    public (long Slow, long Held, long Errors)? Municipal { get; init; }
    /// <summary>Printer fault counts.</summary>
    public (long OutOfPaper, long Slow, long Timeouts)? Printer { get; init; }
    /// <summary>Clerk counts.</summary>
    public (long Confirmed, long Late, long Never, long Refused) Clerk { get; init; }
    /// <summary>Barrier counts.</summary>
    public (long Released, long Rounds) Barrier { get; init; }
    /// <summary>Barrier release spreads.</summary>
    public double[] BarrierSpreadsMs { get; init; } = [];

    /// <summary>Statements per database during the terminal phase (<c>--pg-stats</c>), with the bridge's and municipality's database names.</summary>
    public (PgStatements Rows, string Bridge, string? Municipality)? Statements { get; init; }

    /// <summary>CPU time per part during the terminal phase (null when not measured).</summary>
    public CpuUse? Cpu { get; init; }
    /// <summary>True when the bridge ran inside the load process (its CPU is then in the rest of that process).</summary>
    public bool BridgeInProcess { get; init; } = true;

    /// <summary>True when every invariant holds, the run completed, and no terminal loop died.</summary>
    public bool InvariantsHold => invariants.Hold && complete && Failures.Count == 0;

    /// <summary>Transactions that ended printed.</summary>
    public int Printed => records.Count(r => r.Printed);

    /// <summary>Printed issuances per second of wall time.</summary>
    public double IssuancesPerSecond => wall.TotalSeconds > 0 ? Printed / wall.TotalSeconds : 0;

    /// <summary>Adds request latencies of one call kind.</summary>
    public void AddRequests(string call, double[] ms)
    {
        if (!_requests.TryGetValue(call, out var l)) _requests[call] = l = [];
        l.AddRange(ms);
    }

    /// <summary>Adds printed-issuance latencies.</summary>
    public void AddIssuances(double[] ms) => _issuances.AddRange(ms);

    /// <summary>The p-th percentile (0–100) of the values, nearest-rank.</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(sorted.Count * p / 100.0) - 1, 0, sorted.Count - 1)];

    /// <summary>p50/p99 of all bridge requests together.</summary>
    public (double P50, double P99, int Count) AllRequests()
    {
        var all = _requests.Where(p => p.Key != "heartbeat").SelectMany(p => p.Value).Order().ToList();
        return (Percentile(all, 50), Percentile(all, 99), all.Count);
    }

    /// <summary>p50/p99 of printed issuances.</summary>
    public (double P50, double P99) Issuances()
    {
        var s = _issuances.Order().ToList();
        return (Percentile(s, 50), Percentile(s, 99));
    }

    /// <summary>How many requests of one call kind the terminals made ("poll" plain, "poll-wait" long polls, ...).</summary>
    public int RequestCount(string call) => _requests.TryGetValue(call, out var l) ? l.Count : 0;

    /// <summary>Terminal requests (all but heartbeats) and long polls per printed issuance.</summary>
    public (double Requests, double Polls) RequestsPerIssuance()
    {
        if (Printed == 0) return (double.NaN, double.NaN);
        double all = _requests.Where(p => p.Key != "heartbeat").Sum(p => p.Value.Count);
        double polls = _requests.Where(p => p.Key is "poll" or "poll-wait").Sum(p => p.Value.Count);
        return (all / Printed, polls / Printed);
    }

    /// <summary>Bridge + PostgreSQL CPU per printed issuance, when both were measured apart.</summary>
    public double? ServerCpuMsPerIssuance =>
        Cpu is { BridgeMs: { } b, PostgresMs: { } p } && !BridgeInProcess && Printed > 0 ? (b + p) / Printed : null;

    private void AppendCpu(StringBuilder sb, Func<double, string> f)
    {
        var (requests, polls) = RequestsPerIssuance();
        sb.AppendLine("Requests per printed issuance (terminal → bridge, heartbeats excluded): " + f(requests) + ", of them order polls " + f(polls)
            + " (plus the clerk's two store requests).");
        sb.AppendLine();
        if (Cpu is not { } c || Printed == 0) return;
        string Row(string part, double? ms) => "| " + part + " | " + (ms is { } v ? (v / 1000).ToString("F1", CultureInfo.InvariantCulture) : "–") + " | "
            + (ms is { } w ? f(w / Printed) : "not measured apart") + " | " + (ms is { } x && c.TotalMs > 0 ? (100 * x / c.TotalMs).ToString("F0", CultureInfo.InvariantCulture) + " %" : "–") + " |";
        sb.AppendLine("| CPU (user + system) during the terminal phase | CPU s | ms per printed issuance | share |");
        sb.AppendLine("|---|---|---|---|");
        sb.AppendLine(Row("terminals: core, bridge client, TLS (terminal threads)", c.TerminalThreadsMs));
        sb.AppendLine(Row("cards: PN532 emulator + JPKI applet incl. RSA-2048 signing (emulator threads)", c.CardThreadsMs));
        sb.AppendLine(Row(BridgeInProcess ? "rest of kiosk-load: bridge (in process), municipality, clerk, proxy, runtime" : "rest of kiosk-load: municipality, clerk, proxy, runtime",
            c.RestOfLoadProcessMs));
        sb.AppendLine(Row("bridge (child process)", BridgeInProcess ? null : c.BridgeMs));
        sb.AppendLine(Row("PostgreSQL (postmaster + backends)", c.PostgresMs));
        sb.AppendLine(Row("total", c.TotalMs));
        sb.AppendLine();
        sb.AppendLine("Machine CPU available in the phase: " + (Environment.ProcessorCount * wall.TotalSeconds).ToString("F1", CultureInfo.InvariantCulture)
            + " CPU s (" + Environment.ProcessorCount + " cores × wall); used by the run: " + (c.TotalMs / 1000).ToString("F1", CultureInfo.InvariantCulture) + " CPU s.");
        if (c.Idle is { } idle)
            sb.AppendLine("Idle (3 s before the terminals start): bridge " + f(idle.BridgeMsPerSecond) + " CPU ms/s, PostgreSQL " + f(idle.PostgresMsPerSecond)
                + " CPU ms/s — the fixed cost of worker passes and timers, paid whatever the throughput.");
        if (ServerCpuMsPerIssuance is { } server)
            sb.AppendLine("Bridge + PostgreSQL: " + f(server) + " CPU ms per issuance → at most **" + (2000 / server).ToString("F0", CultureInfo.InvariantCulture)
                + " issuances/s on 2 cores** if they had the machine to themselves (terminals, cards and municipality elsewhere).");
        sb.AppendLine();
        if (Statements is { } st)
        {
            sb.AppendLine("Statements during the terminal phase (pg_stat_statements):");
            sb.AppendLine();
            sb.Append(st.Rows.ToMarkdown(Printed, st.Bridge, st.Municipality));
            sb.AppendLine();
        }
    }

    /// <summary>The Markdown report.</summary>
    public string ToMarkdown()
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        string F(double v) => double.IsNaN(v) ? "–" : v.ToString("F1", inv);
        sb.AppendLine("## kiosk-load: " + options.Terminals + " terminals, " + options.Issuances + " transactions, faults " + (options.Faults ? "on" : "off")
            + ", seed " + options.Seed + (complete ? "" : " (STOPPED AT THE TIME LIMIT)"));
        sb.AppendLine();
        sb.AppendLine("Environment: " + Environment.ProcessorCount + " cores, " + RuntimeInformation.OSDescription + ", " + RuntimeInformation.FrameworkDescription
            + ", PDF: " + (options.RealPdf ? "rendered by PDFsharp" : "minimal PDF naming the resident (rendering excluded)") + ".");
        sb.AppendLine();
        sb.AppendLine("| figure | value |");
        sb.AppendLine("|---|---|");
        sb.AppendLine("| wall time (terminal phase) | " + wall.TotalSeconds.ToString("F1", inv) + " s |");
        sb.AppendLine("| transactions finished | " + records.Count + " |");
        sb.AppendLine("| printed issuances | " + Printed + " |");
        sb.AppendLine("| **authenticated issuances/s** | **" + IssuancesPerSecond.ToString("F1", inv) + "** |");
        var (ip50, ip99) = Issuances();
        sb.AppendLine("| issuance latency p50 / p99 (terminal: Enter on idle → back on idle, printed only) | " + F(ip50) + " / " + F(ip99) + " ms |");
        var (rp50, rp99, rn) = AllRequests();
        sb.AppendLine("| bridge request latency p50 / p99 (all " + rn + " requests but heartbeats) | " + F(rp50) + " / " + F(rp99) + " ms |");
        sb.AppendLine("| TLS handshakes | " + Handshakes + " |");
        sb.AppendLine();
        sb.AppendLine("| request | count | p50 ms | p99 ms | max ms |");
        sb.AppendLine("|---|---|---|---|---|");
        foreach (var (call, values) in _requests.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var s = values.Order().ToList();
            sb.AppendLine("| " + call + " | " + s.Count + " | " + F(Percentile(s, 50)) + " | " + F(Percentile(s, 99)) + " | " + F(s.Count == 0 ? double.NaN : s[^1]) + " |");
        }
        sb.AppendLine();
        AppendCpu(sb, F);
        sb.AppendLine("Outcomes: " + string.Join(", ", records.GroupBy(r => r.Outcome + (r.Reason != null ? " (" + r.Reason + ")" : ""))
            .OrderByDescending(g => g.Count()).Select(g => g.Key + " " + g.Count())));
        sb.AppendLine();
        sb.AppendLine("Collisions: " + Barrier.Rounds + " barrier rounds released " + Barrier.Released + " order POSTs together"
            + (BarrierSpreadsMs.Length > 0 ? "; release spread p50 " + F(Percentile(BarrierSpreadsMs.Order().ToList(), 50)) + " ms" : "") + "; " + options.Terminals + " terminals over " + options.StoreCount + (options.StoreCount == 1 ? " store" : " stores")
            + ", each store with its own printer and print gate.");
        if (options.Faults)
        {
            sb.AppendLine();
            sb.AppendLine("Injected faults: network " + Proxy.Delayed + " connections delayed, " + Proxy.Dropped + " cut (of " + Proxy.Connections + ")"
                + (Municipal is { } m ? "; municipality " + m.Slow + " slow, " + m.Held + " held past the timeout, " + m.Errors + " answered 503" : "")
                + (Printer is { } p ? "; printer " + p.OutOfPaper + " out-of-paper, " + p.Slow + " stalls, " + p.Timeouts + " stalls past the print timeout" : "")
                + "; clerk " + Clerk.Late + " late, " + Clerk.Never + " never paid, " + Clerk.Refused + " refused by the bridge.");
        }
        sb.AppendLine();
        sb.AppendLine("| invariant | count |");
        sb.AppendLine("|---|---|");
        sb.AppendLine("| papers checked | " + invariants.PapersChecked + " |");
        sb.AppendLine("| **wrong-person prints** | **" + invariants.WrongPersonPrints + "** |");
        sb.AppendLine("| papers for no order / another session | " + invariants.OrphanOrMisboundPapers + " |");
        sb.AppendLine("| papers naming no readable resident | " + invariants.UnreadablePapers + " |");
        sb.AppendLine("| orders | " + invariants.Orders + " |");
        sb.AppendLine("| orders left non-final | " + invariants.NonFinalOrders + " |");
        sb.AppendLine("| paid → printed once | " + invariants.PaidPrinted + " |");
        sb.AppendLine("| paid → refunded | " + invariants.PaidRefunded + " |");
        sb.AppendLine("| paid, neither printed nor refunded | " + invariants.PaidNeitherPrintedNorRefunded + " |");
        sb.AppendLine("| paper count ≠ state (0 or 2+ papers for printed, paper for unprinted) | " + invariants.PrintCountMismatches + " |");
        sb.AppendLine("| printed unpaid | " + invariants.PrintedUnpaid + " |");
        sb.AppendLine("| terminal showed printed, bridge disagrees | " + invariants.TerminalBridgeDisagreements + " |");
        sb.AppendLine("| terminal main loops that died | " + Failures.Count + " |");
        sb.AppendLine();
        sb.AppendLine("Invariants: " + (InvariantsHold ? "**all hold**" : "**VIOLATED**"));
        foreach (var e in invariants.Examples.Concat(Failures)) sb.AppendLine("- " + e);
        return sb.ToString();
    }
}
