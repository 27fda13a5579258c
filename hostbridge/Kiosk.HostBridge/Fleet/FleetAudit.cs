using System.Data.Common;
using Dapper;
using Kiosk.HostBridge.Audit;
using Kiosk.HostBridge.Storage;

namespace Kiosk.HostBridge.Fleet;

/// <summary>
/// Every admin action (and every enrolment and renewal) with who, what, on which target, and the outcome, in an append-only
/// SHA-256 chain like the bridge's main audit: each row hashes its predecessor, and the single head row is locked so concurrent
/// writers (on any instance) queue instead of forking the chain.
/// </summary>
public sealed class FleetAudit(IDatabase database, TimeProvider clock)
{
    /// <summary>Records one action in its own transaction (retried on a transient write conflict).</summary>
    public async Task RecordAsync(string actor, string? municipality, string action, string target, string outcome, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await using var c = await database.OpenAsync(ct);
                await using var tx = await database.BeginWriteAsync(c, ct);
                await AppendAsync(c, tx, actor, municipality, action, target, outcome);
                await tx.CommitAsync(ct);
                return;
            }
            catch (Exception e) when (attempt < 5 && database.IsTransient(e))
            {
                await Task.Delay(20 * (attempt + 1), ct);
            }
        }
    }

    /// <summary>Appends inside the caller's write transaction, so the record commits or rolls back with the change it describes.</summary>
    public async Task<FleetAuditRecord> AppendAsync(DbConnection c, DbTransaction tx, string actor, string? municipality, string action, string target,
        string outcome)
    {
        var head = await c.QuerySingleAsync<(long Seq, string Hash)>("SELECT seq, hash FROM fleet_audit_head WHERE id = 1" + database.ForUpdate,
            transaction: tx);
        // Actor, target and outcome can carry what a caller typed (an unknown device id, a user name): bounded, and never a My Number.
        var record = new FleetAuditRecord(head.Seq + 1, Guid.NewGuid().ToString("N"), clock.GetUtcNow().ToUnixTimeMilliseconds(), Privacy.CallerText.Safe(actor),
            municipality is null ? null : Privacy.CallerText.Safe(municipality), action, Privacy.CallerText.Safe(target), Privacy.CallerText.Safe(outcome), head.Hash, "");
        record = record with { Hash = ComputeHash(record) };
        await c.ExecuteAsync("""
            INSERT INTO fleet_audit (seq, event_id, at, actor, municipality_code, action, target, outcome, prev_hash, hash)
            VALUES (@Seq, @EventId, @At, @Actor, @MunicipalityCode, @Action, @Target, @Outcome, @PrevHash, @Hash)
            """, record, tx);
        await c.ExecuteAsync("UPDATE fleet_audit_head SET seq = @Seq, hash = @Hash WHERE id = 1", record, tx);
        return record;
    }

    /// <summary>SHA-256 (lower-case hex) over a canonical JSON array of every field of the record and the previous hash.</summary>
    public static string ComputeHash(FleetAuditRecord r)
        => HashChain.Hash(r.Seq, r.EventId, r.At, r.Actor, r.MunicipalityCode, r.Action, r.Target, r.Outcome, r.PrevHash);

    /// <summary>The newest events an admin may see (a municipality admin sees only its municipality's).</summary>
    public async Task<IReadOnlyList<FleetAuditEvent>> ListAsync(AdminPrincipal admin, int limit, CancellationToken ct)
    {
        await using var c = await database.OpenAsync(ct);
        var sql = "SELECT at, actor, municipality_code, action, target, outcome FROM fleet_audit"
            + (admin.IsFleetWide ? "" : " WHERE municipality_code = @m") + " ORDER BY seq DESC LIMIT @limit";
        var rows = await c.QueryAsync<(long At, string Actor, string? Municipality, string Action, string Target, string Outcome)>(sql,
            new { m = admin.Municipality ?? "", limit });
        return rows.Select(r => new FleetAuditEvent(DateTimeOffset.FromUnixTimeMilliseconds(r.At), r.Actor, r.Municipality, r.Action, r.Target,
            r.Outcome)).ToList();
    }

    /// <summary>Every record in chain order (for the verifier).</summary>
    public async Task<IReadOnlyList<FleetAuditRecord>> ReadAllAsync(CancellationToken ct)
    {
        await using var c = await database.OpenAsync(ct);
        var rows = await c.QueryAsync<FleetAuditRecord>("""
            SELECT seq AS Seq, event_id AS EventId, at AS At, actor AS Actor, municipality_code AS MunicipalityCode, action AS Action,
                   target AS Target, outcome AS Outcome, prev_hash AS PrevHash, hash AS Hash
            FROM fleet_audit ORDER BY seq
            """);
        return rows.ToList();
    }

    /// <summary>Recomputes the whole chain and compares it with the head; reports the first record that does not fit.</summary>
    public async Task<FleetAuditVerification> VerifyAsync(CancellationToken ct)
    {
        var records = await ReadAllAsync(ct);
        if (HashChain.FindBreak(records, ComputeHash) is { } broken)
            return new FleetAuditVerification(false, records.Count, broken.Seq, broken.Problem);
        var prev = HashChain.Tip(records);
        await using var c = await database.OpenAsync(ct);
        var head = await c.QuerySingleAsync<(long Seq, string Hash)>("SELECT seq, hash FROM fleet_audit_head WHERE id = 1");
        // A deleted tail leaves an intact-looking chain; only the head shows it.
        if (head.Seq != records.Count || head.Hash != prev)
            return new FleetAuditVerification(false, records.Count, Math.Min(head.Seq, records.Count + 1), "head does not match (records removed at the end?)");
        return new FleetAuditVerification(true, records.Count, null, null);
    }
}

/// <summary>One audited admin action.</summary>
public sealed record FleetAuditEvent(DateTimeOffset At, string Actor, string? MunicipalityCode, string Action, string Target, string Outcome);

/// <summary>A stored fleet audit row with its chain fields (times in Unix milliseconds, as stored).</summary>
public sealed record FleetAuditRecord(long Seq, string EventId, long At, string Actor, string? MunicipalityCode, string Action, string Target,
    string Outcome, string PrevHash, string Hash) : IChainRecord;

/// <summary>Result of verifying the fleet audit chain.</summary>
public sealed record FleetAuditVerification(bool Intact, long Records, long? FirstBrokenSeq, string? Problem);
