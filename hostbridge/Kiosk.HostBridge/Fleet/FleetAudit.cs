using Dapper;
using Kiosk.HostBridge.Storage;

namespace Kiosk.HostBridge.Fleet;

/// <summary>Every admin action (and every enrolment) with who, what, on which target, and the outcome.</summary>
public sealed class FleetAudit(IDatabase database, TimeProvider clock)
{
    /// <summary>Records one action.</summary>
    public async Task RecordAsync(string actor, string? municipality, string action, string target, string outcome, CancellationToken ct)
    {
        await using var c = await database.OpenAsync(ct);
        await c.ExecuteAsync("""
            INSERT INTO fleet_audit (event_id, at, actor, municipality_code, action, target, outcome)
            VALUES (@id, @at, @actor, @municipality, @action, @target, @outcome)
            """, new { id = Guid.NewGuid().ToString("N"), at = clock.GetUtcNow().ToUnixTimeMilliseconds(), actor, municipality, action, target, outcome });
    }

    /// <summary>The newest events an admin may see (a municipality admin sees only its municipality's).</summary>
    public async Task<IReadOnlyList<FleetAuditEvent>> ListAsync(AdminPrincipal admin, int limit, CancellationToken ct)
    {
        await using var c = await database.OpenAsync(ct);
        var sql = "SELECT at, actor, municipality_code, action, target, outcome FROM fleet_audit"
            + (admin.IsFleetWide ? "" : " WHERE municipality_code = @m") + " ORDER BY at DESC LIMIT @limit";
        var rows = await c.QueryAsync<(long At, string Actor, string? Municipality, string Action, string Target, string Outcome)>(sql,
            new { m = admin.Municipality ?? "", limit });
        return rows.Select(r => new FleetAuditEvent(DateTimeOffset.FromUnixTimeMilliseconds(r.At), r.Actor, r.Municipality, r.Action, r.Target,
            r.Outcome)).ToList();
    }
}

/// <summary>One audited admin action.</summary>
public sealed record FleetAuditEvent(DateTimeOffset At, string Actor, string? MunicipalityCode, string Action, string Target, string Outcome);
