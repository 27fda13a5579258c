using System.Data.Common;
using Dapper;
using Kiosk.HostBridge.Storage;

namespace Kiosk.HostBridge.Audit;

/// <summary>Append-only audit chained by SHA-256: each record hashes its predecessor. Appends are queued inside the caller's transaction
/// and chained by <see cref="SealAsync"/> in batches under the head row lock, so concurrent writers no longer queue on that row.</summary>
public sealed class AuditLog(IDatabase database, TimeProvider clock)
{
    // Records chained per sealing transaction; bounds the transaction while a backlog drains.
    private const int SealBatch = 500;

    /// <summary>Raised after each append so the sealer can run soon; the append may still roll back with its transaction.</summary>
    public event Action? Appended;

    /// <summary>Appends on its own (one statement, committed at once).</summary>
    public async Task AppendAsync(AuditEntry entry, CancellationToken ct)
    {
        await using var c = await database.OpenAsync(ct);
        await InsertPendingAsync(c, null, entry);
        Appended?.Invoke();
    }

    /// <summary>Appends inside the caller's write transaction, so the record commits or rolls back with the state change it describes.</summary>
    public async Task AppendAsync(DbConnection c, DbTransaction tx, AuditEntry entry)
    {
        await InsertPendingAsync(c, tx, entry);
        Appended?.Invoke();
    }

    private async Task InsertPendingAsync(DbConnection c, DbTransaction? tx, AuditEntry entry)
    {
        var at = clock.GetUtcNow().ToUnixTimeMilliseconds();
        await c.ExecuteAsync("""
            INSERT INTO audit_pending (at, step, outcome, device_id, store_id, session_id, order_id, serial_hash, receipt_code, product)
            VALUES (@at, @Step, @Outcome, @DeviceId, @StoreId, @SessionId, @OrderId, @SerialHash, @ReceiptCode, @Product)
            """, new
        {
            at, entry.Step, entry.Outcome, entry.DeviceId, entry.StoreId, entry.SessionId, entry.OrderId, entry.SerialHash, entry.ReceiptCode,
            entry.Product,
        }, tx);
    }

    /// <summary>Chains every committed pending append, oldest first; returns how many it chained. Safe to run from several instances.</summary>
    public async Task<int> SealAsync(CancellationToken ct)
    {
        var total = 0;
        while (true)
        {
            var sealedNow = await SealBatchAsync(ct);
            total += sealedNow;
            if (sealedNow < SealBatch) return total;
        }
    }

    private async Task<int> SealBatchAsync(CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await using var c = await database.OpenAsync(ct);
                await using var tx = await database.BeginWriteAsync(c, ct);
                // The head row lock orders sealers across instances; pending rows are read after it, so a row another sealer
                // chained and deleted meanwhile is not seen again.
                var head = await c.QuerySingleAsync<(long Seq, string Hash)>(
                    "SELECT seq, hash FROM audit_head WHERE id = 1" + database.ForUpdate, transaction: tx);
                var pending = (await c.QueryAsync<PendingRow>(
                    "SELECT * FROM audit_pending ORDER BY id LIMIT " + SealBatch, transaction: tx)).ToList();
                if (pending.Count == 0)
                {
                    await tx.CommitAsync(ct);
                    return 0;
                }
                var records = new List<AuditRecord>(pending.Count);
                var (seq, prev) = head;
                foreach (var p in pending)
                {
                    seq++;
                    var at = DateTimeOffset.FromUnixTimeMilliseconds(p.At);
                    var entry = p.ToEntry();
                    var hash = ComputeHash(seq, at, entry, prev);
                    records.Add(new AuditRecord(seq, at, entry, prev, hash));
                    prev = hash;
                }
                await AuditBatchInsert.InsertAsync(c, tx, records);
                // By id, never by range: an append that commits late has a lower id than rows already seen and must stay queued.
                // The ids are the database's own integers, written as literals so the statement reads the same on both engines.
                await c.ExecuteAsync("DELETE FROM audit_pending WHERE id IN ("
                    + string.Join(",", pending.Select(p => p.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))) + ")", transaction: tx);
                await c.ExecuteAsync("UPDATE audit_head SET seq = @seq, hash = @prev WHERE id = 1", new { seq, prev }, tx);
                await tx.CommitAsync(ct);
                return pending.Count;
            }
            catch (Exception e) when (attempt < 5 && database.IsTransient(e))
            {
                await Task.Delay(20 * (attempt + 1), ct);
            }
        }
    }

    /// <summary>SHA-256 over the previous hash and a canonical JSON array of the record's fields.</summary>
    public static string ComputeHash(long seq, DateTimeOffset at, AuditEntry e, string prevHash)
        => HashChain.Hash(seq, at.ToUnixTimeMilliseconds(), e.Step, e.Outcome, e.DeviceId, e.StoreId, e.SessionId, e.OrderId, e.SerialHash,
            e.ReceiptCode, e.Product, prevHash);

    /// <summary>Reads records in order (for the verifier and for receipt look-ups).</summary>
    public async Task<IReadOnlyList<AuditRecord>> ReadAsync(string? receiptCode, CancellationToken ct)
    {
        await SealAsync(ct);
        await using var c = await database.OpenAsync(ct);
        var rows = await c.QueryAsync<AuditRow>(
            "SELECT * FROM audit" + (receiptCode is null ? "" : " WHERE receipt_code = @receiptCode") + " ORDER BY seq", new { receiptCode });
        return rows.Select(r => r.ToRecord()).ToList();
    }

    /// <summary>Recomputes the whole chain and compares it with the head; reports the first record that does not fit.</summary>
    public async Task<AuditVerification> VerifyAsync(CancellationToken ct)
    {
        await SealAsync(ct);
        // The head is read before the records: a sealer of another instance may chain more meanwhile, and those records must
        // then extend the head rather than be reported as a mismatch.
        (long Seq, string Hash) head;
        await using (var c = await database.OpenAsync(ct))
            head = await c.QuerySingleAsync<(long Seq, string Hash)>("SELECT seq, hash FROM audit_head WHERE id = 1");
        var records = await ReadAsync(null, ct);
        if (HashChain.FindBreak(records, r => ComputeHash(r.Seq, r.At, r.Entry, r.PrevHash)) is { } broken)
            return new AuditVerification(false, records.Count, broken.Seq, broken.Problem);
        // The chain checked out, so record n sits at index n - 1.
        var headHash = head.Seq == 0 ? HashChain.Genesis : head.Seq <= records.Count ? records[(int)head.Seq - 1].Hash : null;
        if (records.Count < head.Seq || headHash != head.Hash) return new AuditVerification(false, records.Count, head.Seq, "head does not match");
        return new AuditVerification(true, records.Count, null, null);
    }

    // The entry's columns, as both the pending queue and the chain store them (Dapper fills them by column name).
    private abstract class EntryColumns
    {
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

        public AuditEntry ToEntry() => new(Step, Outcome, Device_Id, Store_Id, Session_Id, Order_Id, Serial_Hash, Receipt_Code, Product);
    }

    private sealed class PendingRow : EntryColumns
    {
        public long Id { get; set; }
    }

    private sealed class AuditRow : EntryColumns
    {
        public long Seq { get; set; }
        public string Prev_Hash { get; set; } = "";
        public string Hash { get; set; } = "";

        public AuditRecord ToRecord() => new(Seq, DateTimeOffset.FromUnixTimeMilliseconds(At), ToEntry(), Prev_Hash, Hash);
    }
}
