using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Dapper;
using Kiosk.HostBridge.Storage;

namespace Kiosk.HostBridge.Audit;

/// <summary>Append-only audit chained by SHA-256: each record hashes its predecessor, the head row is locked so concurrent writers queue.</summary>
public sealed class AuditLog(IDatabase database, TimeProvider clock)
{
    /// <summary>The hash before the first record.</summary>
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    /// <summary>Appends in its own transaction.</summary>
    public async Task<AuditRecord> AppendAsync(AuditEntry entry, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await using var c = await database.OpenAsync(ct);
                await using var tx = await database.BeginWriteAsync(c, ct);
                var record = await AppendAsync(c, tx, entry);
                await tx.CommitAsync(ct);
                return record;
            }
            catch (Exception e) when (attempt < 5 && database.IsTransient(e))
            {
                await Task.Delay(20 * (attempt + 1), ct);
            }
        }
    }

    /// <summary>Appends inside the caller's write transaction, so the record commits or rolls back with the state change it describes.</summary>
    public async Task<AuditRecord> AppendAsync(DbConnection c, DbTransaction tx, AuditEntry entry)
    {
        // The row lock on the single head row is what orders concurrent appends across instances.
        var head = await c.QuerySingleAsync<(long Seq, string Hash)>(
            "SELECT seq, hash FROM audit_head WHERE id = 1" + database.ForUpdate, transaction: tx);
        var seq = head.Seq + 1;
        var at = DateTimeOffset.FromUnixTimeMilliseconds(clock.GetUtcNow().ToUnixTimeMilliseconds());
        var hash = ComputeHash(seq, at, entry, head.Hash);
        await c.ExecuteAsync("""
            INSERT INTO audit (seq, at, step, outcome, device_id, store_id, session_id, order_id, serial_hash, receipt_code, product, prev_hash, hash)
            VALUES (@seq, @at, @Step, @Outcome, @DeviceId, @StoreId, @SessionId, @OrderId, @SerialHash, @ReceiptCode, @Product, @prev, @hash)
            """, new
        {
            seq, at = at.ToUnixTimeMilliseconds(), entry.Step, entry.Outcome, entry.DeviceId, entry.StoreId, entry.SessionId, entry.OrderId,
            entry.SerialHash, entry.ReceiptCode, entry.Product, prev = head.Hash, hash,
        }, tx);
        await c.ExecuteAsync("UPDATE audit_head SET seq = @seq, hash = @hash WHERE id = 1", new { seq, hash }, tx);
        return new AuditRecord(seq, at, entry, head.Hash, hash);
    }

    /// <summary>SHA-256 over the previous hash and a canonical JSON array of the record's fields.</summary>
    public static string ComputeHash(long seq, DateTimeOffset at, AuditEntry e, string prevHash)
    {
        var canonical = JsonSerializer.Serialize(new object?[]
        {
            seq, at.ToUnixTimeMilliseconds(), e.Step, e.Outcome, e.DeviceId, e.StoreId, e.SessionId, e.OrderId, e.SerialHash, e.ReceiptCode,
            e.Product, prevHash,
        });
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    /// <summary>Reads records in order (for the verifier and for receipt look-ups).</summary>
    public async Task<IReadOnlyList<AuditRecord>> ReadAsync(string? receiptCode, CancellationToken ct)
    {
        await using var c = await database.OpenAsync(ct);
        var rows = await c.QueryAsync<AuditRow>(
            "SELECT * FROM audit" + (receiptCode is null ? "" : " WHERE receipt_code = @receiptCode") + " ORDER BY seq", new { receiptCode });
        return rows.Select(r => r.ToRecord()).ToList();
    }

    /// <summary>Recomputes the whole chain and compares it with the head; reports the first record that does not fit.</summary>
    public async Task<AuditVerification> VerifyAsync(CancellationToken ct)
    {
        var records = await ReadAsync(null, ct);
        var prev = Genesis;
        long expectedSeq = 1;
        foreach (var r in records)
        {
            if (r.Seq != expectedSeq) return new AuditVerification(false, records.Count, expectedSeq, "missing record");
            if (r.PrevHash != prev) return new AuditVerification(false, records.Count, r.Seq, "broken link");
            if (ComputeHash(r.Seq, r.At, r.Entry, r.PrevHash) != r.Hash) return new AuditVerification(false, records.Count, r.Seq, "altered record");
            prev = r.Hash;
            expectedSeq++;
        }
        await using var c = await database.OpenAsync(ct);
        var head = await c.QuerySingleAsync<(long Seq, string Hash)>("SELECT seq, hash FROM audit_head WHERE id = 1");
        if (head.Seq != records.Count || head.Hash != prev) return new AuditVerification(false, records.Count, head.Seq, "head does not match");
        return new AuditVerification(true, records.Count, null, null);
    }

    private sealed class AuditRow
    {
        public long Seq { get; set; }
        public long At { get; set; }
        public string Step { get; set; } = "";
        public string Outcome { get; set; } = "";
        public string? Device_Id { get; set; }
        public string? Store_Id { get; set; }
        public string? Session_Id { get; set; }
        public string? Order_Id { get; set; }
        public string? Serial_Hash { get; set; }
        public string? Receipt_Code { get; set; }
        public string? Product { get; set; }
        public string Prev_Hash { get; set; } = "";
        public string Hash { get; set; } = "";

        public AuditRecord ToRecord() => new(Seq, DateTimeOffset.FromUnixTimeMilliseconds(At),
            new AuditEntry(Step, Outcome, Device_Id, Store_Id, Session_Id, Order_Id, Serial_Hash, Receipt_Code, Product), Prev_Hash, Hash);
    }
}
