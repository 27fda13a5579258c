using System.Security.Cryptography;
using System.Text.Json;
using Dapper;
using Kiosk.Load.Terminals;
using Kiosk.Municipality.Pdf;
using Npgsql;

namespace Kiosk.Load.Checks;

/// <summary>Checks a settled run: every paper in the printer's output names the resident whose card authenticated the session
/// that ordered it; every paid order is printed exactly once or refunded; no order is left in a non-final state; what each
/// terminal showed agrees with the bridge.</summary>
public static class InvariantChecker
{
    private sealed class OrderFacts
    {
        public string order_id { get; set; } = "";
        public string session_id { get; set; } = "";
        public string device_id { get; set; } = "";
        public string store_id { get; set; } = "";
        public string state { get; set; } = "";
        public string? reason { get; set; }
        public string? payment_state { get; set; }
    }

    private sealed class DocFacts
    {
        public string document_id { get; set; } = "";
        public string pdf_sha256 { get; set; } = "";
        public string? profile_id { get; set; }
    }

    /// <summary>Runs every check; <paramref name="municipalDb"/> (when the municipality is on PostgreSQL) adds the document check.</summary>
    public static async Task<InvariantReport> CheckAsync(string bridgeDb, string? municipalDb, string printerFolder,
        IReadOnlyList<IssuanceRecord> records, IReadOnlyDictionary<string, string> residentOfDevice, CancellationToken ct)
    {
        var report = new InvariantReport();
        List<OrderFacts> orders;
        await using (var db = new NpgsqlConnection(bridgeDb))
        {
            orders = (await db.QueryAsync<OrderFacts>(new CommandDefinition(
                "SELECT o.order_id, o.session_id, o.device_id, o.store_id, o.state, o.reason, p.state AS payment_state FROM orders o LEFT JOIN kiosk_payments p ON p.order_id = o.order_id",
                cancellationToken: ct))).ToList();
        }
        Dictionary<string, DocFacts> docs = new(StringComparer.Ordinal);
        if (municipalDb != null)
        {
            await using var mdb = new NpgsqlConnection(municipalDb);
            foreach (var d in await mdb.QueryAsync<DocFacts>(new CommandDefinition(
                "SELECT d.document_id, d.pdf_sha256, r.profile_id FROM issued_documents d LEFT JOIN residents r ON r.resident_id = d.resident_id", cancellationToken: ct)))
                docs[d.document_id] = d;
        }
        var byOrder = orders.ToDictionary(o => o.order_id, StringComparer.Ordinal);
        var placed = records.Where(r => r.OrderId != null).GroupBy(r => r.OrderId!).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        report.Orders = orders.Count;

        // Every paper.
        var papers = new Dictionary<string, int>(StringComparer.Ordinal);
        // Each store's printer writes below the printer folder in a folder named by its store id; a paper anywhere else
        // (another store's tray, the unrouted default printer's) came out of the wrong printer.
        foreach (var pdfPath in Directory.EnumerateFiles(printerFolder, "*.pdf", SearchOption.AllDirectories))
        {
            report.PapersChecked++;
            string orderId = Path.GetFileNameWithoutExtension(pdfPath);
            papers[orderId] = papers.GetValueOrDefault(orderId) + 1;
            byte[] pdf = await File.ReadAllBytesAsync(pdfPath, ct);
            string? sessionOnJob = null, documentId = null;
            string sidecar = Path.ChangeExtension(pdfPath, ".json");
            if (File.Exists(sidecar))
            {
                using var j = JsonDocument.Parse(await File.ReadAllBytesAsync(sidecar, ct));
                sessionOnJob = j.RootElement.TryGetProperty("sessionId", out var s) ? s.GetString() : null;
                documentId = j.RootElement.TryGetProperty("documentId", out var d) ? d.GetString() : null;
            }
            if (!byOrder.TryGetValue(orderId, out var order) || !residentOfDevice.TryGetValue(order.device_id, out var expected))
            {
                report.OrphanOrMisboundPapers++;
                report.Example("paper " + orderId + ": no order of a load terminal has this id");
                continue;
            }
            string tray = Path.GetFileName(Path.GetDirectoryName(pdfPath))!;
            if (tray != order.store_id)
            {
                report.OrphanOrMisboundPapers++;
                report.Example("paper " + orderId + " of store " + order.store_id + " came out of store " + tray + "'s printer");
            }
            if (sessionOnJob != order.session_id || (placed.TryGetValue(orderId, out var rec) && rec.SessionId != order.session_id))
            {
                report.OrphanOrMisboundPapers++;
                report.Example("paper " + orderId + ": print job session " + sessionOnJob + ", order session " + order.session_id);
            }
            // The paper itself names its resident (minimal PDF), and the municipality's record of the document names the
            // resident it issued it for (real PDFs and minimal ones alike, matched by the paper's hash).
            string? onPaper = MinimalPdf.ProfileOf(pdf);
            string? onRecord = null;
            if (documentId != null && docs.TryGetValue(documentId, out var doc) && string.Equals(doc.pdf_sha256, Convert.ToHexString(SHA256.HashData(pdf)), StringComparison.OrdinalIgnoreCase))
                onRecord = doc.profile_id;
            if (onPaper == null && onRecord == null)
            {
                report.UnreadablePapers++;
                report.Example("paper " + orderId + ": names no resident that can be read");
                continue;
            }
            if ((onPaper != null && onPaper != expected) || (onRecord != null && onRecord != expected))
            {
                report.WrongPersonPrints++;
                report.Example("paper " + orderId + " names " + (onPaper ?? onRecord) + " but the card that authenticated was " + expected);
            }
        }

        // Every order.
        foreach (var o in orders)
        {
            if (o.state is not ("printed" or "failed" or "cancelled" or "refunded"))
            {
                report.NonFinalOrders++;
                report.Example("order " + o.order_id + " left in " + o.state);
            }
            int paper = papers.GetValueOrDefault(o.order_id);
            bool paid = o.payment_state is "captured" or "refunded" or "voided";
            if (o.state == "printed")
            {
                if (paper != 1)
                {
                    report.PrintCountMismatches++;
                    report.Example("order " + o.order_id + " printed with " + paper + " papers");
                }
                if (o.payment_state != "captured")
                {
                    report.PrintedUnpaid++;
                    report.Example("order " + o.order_id + " printed but its payment is " + (o.payment_state ?? "missing"));
                }
                else report.PaidPrinted++;
            }
            else
            {
                if (paper != 0)
                {
                    report.PrintCountMismatches++;
                    report.Example("order " + o.order_id + " ended " + o.state + " but a paper is in the tray");
                }
                if (o.payment_state == "captured")
                {
                    report.PaidNeitherPrintedNorRefunded++;
                    report.Example("order " + o.order_id + " ended " + o.state + " (" + o.reason + ") with its payment still captured");
                }
                else if (paid) report.PaidRefunded++;
            }
        }

        // What the terminals showed.
        foreach (var r in records.Where(r => r.Printed))
        {
            if (r.OrderId == null || !byOrder.TryGetValue(r.OrderId, out var o) || o.state != "printed")
            {
                report.TerminalBridgeDisagreements++;
                report.Example("terminal " + r.Terminal + " #" + r.Sequence + " showed printed for " + r.OrderId + ", bridge says "
                    + (r.OrderId != null && byOrder.TryGetValue(r.OrderId, out var x) ? x.state : "no such order"));
            }
        }
        return report;
    }

    /// <summary>Orders not yet final (to wait for the bridge to settle before checking).</summary>
    public static async Task<int> OpenOrdersAsync(string bridgeDb, CancellationToken ct)
    {
        await using var db = new NpgsqlConnection(bridgeDb);
        return await db.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT COUNT(*) FROM orders WHERE state NOT IN ('printed','failed','cancelled','refunded')", cancellationToken: ct));
    }
}
