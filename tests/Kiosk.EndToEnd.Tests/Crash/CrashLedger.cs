using System.Text;
using Dapper;
using Npgsql;

namespace Kiosk.EndToEnd.Tests.Crash;

/// <summary>An order and its payment as the database holds them after the run.</summary>
public sealed class LedgerRow
{
    public string OrderId { get; set; } = "";
    public string State { get; set; } = "";
    public string? Reason { get; set; }
    public string? PaymentState { get; set; }
}

/// <summary>
/// The invariants checked after a crash run, from the database and from the printer's own record of sheets:
/// every order final; printed ⇔ exactly one sheet and money captured; failed/cancelled ⇒ no sheet and money voided or expired
/// (or never taken); refunded ⇒ no sheet and money refunded; no sheet for an order the bridge does not know; what a terminal
/// was shown matches the database.
/// </summary>
public sealed class CrashLedger
{
    private CrashLedger(IReadOnlyList<LedgerRow> rows, Dictionary<string, int> sheets)
    {
        Rows = rows;
        Sheets = sheets;
    }

    /// <summary>Every order with its payment state.</summary>
    public IReadOnlyList<LedgerRow> Rows { get; }

    /// <summary>Refunded orders whose job the printer forgot across its restart and whose sheet had come out (not charged).</summary>
    public int LostJobSheets { get; private set; }

    /// <summary>Sheets out of the printer per order id.</summary>
    public Dictionary<string, int> Sheets { get; }

    /// <summary>Reads the orders, their payments and the printer's sheets.</summary>
    public static async Task<CrashLedger> ReadAsync(CrashRig rig)
    {
        await using var c = new NpgsqlConnection(rig.ConnectionString + ";Pooling=false");
        var rows = (await c.QueryAsync<LedgerRow>("""
            SELECT o.order_id AS OrderId, o.state AS State, o.reason AS Reason, p.state AS PaymentState
            FROM orders o LEFT JOIN kiosk_payments p ON p.order_id = o.order_id ORDER BY o.created_at
            """)).ToList();
        return new CrashLedger(rows, rig.SheetsByOrder());
    }

    /// <summary>Orders not yet final, plus orders ended without paper whose money is still held (awaiting, authorised or
    /// captured): both are the bridge's to settle on its own (its worker, and its settlement sweep for a void that a fault
    /// interrupted). -1 while the database cannot be reached.</summary>
    public static async Task<int> UnsettledAsync(CrashRig rig)
    {
        try
        {
            await using var c = new NpgsqlConnection(rig.ConnectionString + ";Pooling=false");
            return await c.ExecuteScalarAsync<int>("""
                SELECT (SELECT COUNT(*) FROM orders WHERE state NOT IN ('printed','failed','cancelled','refunded'))
                     + (SELECT COUNT(*) FROM orders o JOIN kiosk_payments p ON p.order_id = o.order_id
                        WHERE o.state IN ('failed','cancelled','refunded') AND p.state IN ('awaiting-payment','authorised','captured'))
                """);
        }
        catch (NpgsqlException)
        {
            return -1;
        }
    }

    /// <summary>Open orders by state right now (where a kill landed).</summary>
    public static async Task<Dictionary<string, int>> OpenByStateAsync(CrashRig rig)
    {
        try
        {
            await using var c = new NpgsqlConnection(rig.ConnectionString + ";Pooling=false");
            return (await c.QueryAsync<(string State, int N)>(
                    "SELECT state, COUNT(*)::int FROM orders WHERE state NOT IN ('printed','failed','cancelled','refunded') GROUP BY state"))
                .ToDictionary(x => x.State, x => x.N);
        }
        catch (NpgsqlException)
        {
            return [];
        }
    }

    /// <summary>How often each recovery rule fired, from the audit chain (step/outcome) and the bridge's log (payment sweep).</summary>
    public static async Task<Dictionary<string, int>> RecoveriesAsync(CrashRig rig)
    {
        await using var c = new NpgsqlConnection(rig.ConnectionString + ";Pooling=false");
        var found = (await c.QueryAsync<(string Step, string Outcome, int N)>("""
                SELECT step, outcome, COUNT(*)::int FROM audit
                WHERE (step = 'issue' AND outcome = 'resumed') OR (step = 'print' AND outcome = 'resubmit-after-restart')
                   OR (step = 'printed' AND outcome IN ('recovered', 'completed-before-cancel')) OR (step = 'abort' AND outcome = 'bridge-restart')
                GROUP BY step, outcome
                """)).ToDictionary(x => x.Step + "/" + x.Outcome, x => x.N);
        var swept = CountOf(rig.Bridge.Log, "its payment was still");
        if (swept > 0) found["payment/settled-after-restart"] = swept;
        return found;
    }

    private static int CountOf(string text, string what)
    {
        var n = 0;
        for (var at = text.IndexOf(what, StringComparison.Ordinal); at >= 0; at = text.IndexOf(what, at + what.Length, StringComparison.Ordinal)) n++;
        return n;
    }

    /// <summary>Every broken invariant, one line each; empty when the run is clean.</summary>
    public List<string> Violations(IEnumerable<TerminalOrder> seenByTerminals)
    {
        var problems = new List<string>();
        var known = Rows.ToDictionary(r => r.OrderId, StringComparer.Ordinal);
        foreach (var r in Rows)
        {
            var sheets = Sheets.GetValueOrDefault(r.OrderId);
            switch (r.State)
            {
                case "printed":
                    if (sheets != 1) problems.Add(r.OrderId + " printed with " + sheets + " sheets");
                    if (r.PaymentState != "captured") problems.Add(r.OrderId + " printed but payment " + (r.PaymentState ?? "none"));
                    break;
                case "failed" or "cancelled":
                    if (sheets != 0) problems.Add(r.OrderId + " " + r.State + " (" + r.Reason + ") but " + sheets + " sheets came out");
                    if (r.PaymentState is not (null or "voided" or "expired")) problems.Add(r.OrderId + " " + r.State + " but payment " + r.PaymentState);
                    break;
                case "refunded":
                    // The one undecidable case: the printer restarted and forgot a job, and its last sheet may have come out
                    // just before. The bridge refunds and says so (printer-lost-job); counted apart, bounded by the printer
                    // kills, never for any other reason.
                    if (sheets == 1 && r.Reason == "printer-lost-job") LostJobSheets++;
                    else if (sheets != 0) problems.Add(r.OrderId + " refunded (" + r.Reason + ") but " + sheets + " sheets came out");
                    // Refunded = a job was submitted; money captured before the crash is refunded, money the crash caught
                    // before its capture is voided. Either way it went back; kept or still open is the violation.
                    if (r.PaymentState is not ("refunded" or "voided")) problems.Add(r.OrderId + " refunded but payment " + (r.PaymentState ?? "none"));
                    break;
                default:
                    problems.Add(r.OrderId + " still " + r.State + " (payment " + (r.PaymentState ?? "none") + ")");
                    break;
            }
        }
        foreach (var (id, n) in Sheets)
        {
            if (!known.ContainsKey(id)) problems.Add(n + " sheets for unknown order " + id);
        }
        foreach (var seen in seenByTerminals)
        {
            if (seen.SeenFinalState is null) continue;
            if (!known.TryGetValue(seen.OrderId, out var row)) problems.Add("terminal " + seen.Terminal + " saw unknown order " + seen.OrderId);
            else if (row.State != seen.SeenFinalState) problems.Add("terminal " + seen.Terminal + " was shown " + seen.SeenFinalState + " for " + seen.OrderId + ", database says " + row.State);
        }
        return problems;
    }

    /// <summary>"printed 31, refunded 2, failed 4 (issuance-failed 1, timeout 3)".</summary>
    public string Summary()
    {
        var sb = new StringBuilder();
        foreach (var g in Rows.GroupBy(r => r.State).OrderByDescending(g => g.Count()))
        {
            if (sb.Length > 0) sb.Append(", ");
            sb.Append(g.Key).Append(' ').Append(g.Count());
            var reasons = g.Where(r => r.Reason is not null).GroupBy(r => r.Reason).Select(x => x.Key + " " + x.Count()).ToList();
            if (reasons.Count > 0) sb.Append(" (").Append(string.Join(", ", reasons)).Append(')');
        }
        return "orders " + Rows.Count + ": " + sb;
    }
}
