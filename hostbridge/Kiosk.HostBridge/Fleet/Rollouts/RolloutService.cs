using System.Data.Common;
using System.Globalization;
using System.Text.RegularExpressions;
using Dapper;
using Kiosk.HostBridge.Devices;
using Kiosk.HostBridge.Storage;
using Microsoft.Extensions.Options;

namespace Kiosk.HostBridge.Fleet.Rollouts;

/// <summary>One group as an admin asks for it: a cumulative percentage or a store list, and its thresholds (shares 0..1).</summary>
public sealed record GroupRequest(int? Percent, IReadOnlyList<string>? Stores, double SuccessToAdvance, double FailureToPause, double FailureToAbort,
    bool RequiresApproval);

/// <summary>
/// Staged rollouts: admins create, pause, resume, abort and approve them; devices ask for updates and report outcomes, and after each
/// report <see cref="RolloutPolicy"/> decides whether the rollout advances, waits for approval, pauses or aborts. Every write runs in one
/// database transaction under one lock (the rollout row is also locked FOR UPDATE on PostgreSQL, for several bridges on one database).
/// </summary>
public sealed partial class RolloutService(IDatabase database, BundleStore bundles, FleetAudit audit, TimeProvider clock, IOptions<RolloutOptions> options)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Lazy<TimeZoneInfo> _zone = new(() => TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone));

    [GeneratedRegex("^[0-9]{6}$")]
    private static partial Regex MunicipalityPattern();

    /// <summary>Creates a rollout and releases its first group; only one active rollout per municipality.</summary>
    public async Task<RolloutView> CreateAsync(AdminPrincipal admin, string? bundleId, string? municipality, string? windowStart, string? windowEnd,
        IReadOnlyList<GroupRequest>? groups, CancellationToken ct)
    {
        var target = admin.Municipality ?? municipality;
        if (target is null || !MunicipalityPattern().IsMatch(target))
            throw new FleetProblem(400, "bad-request", "Municipality code: six digits (a fleet-wide admin must name the municipality).");
        if (!admin.CanSee(target)) throw await RefuseAsync(admin, "rollout.create", target, 403, "forbidden", "This belongs to another municipality.", ct);
        var bundle = bundleId is null ? null : await bundles.GetAsync(bundleId, ct);
        if (bundle is null || (bundle.MunicipalityCode is not null && bundle.MunicipalityCode != target))
            throw await RefuseAsync(admin, "rollout.create", bundleId ?? "-", 404, "not-found", "No such bundle for this municipality.", ct);
        MaintenanceWindow? window;
        try
        {
            window = MaintenanceWindow.Parse(windowStart, windowEnd);
        }
        catch (FormatException e)
        {
            throw new FleetProblem(400, "bad-request", e.Message);
        }
        var specs = await ValidateGroupsAsync(target, groups, ct);

        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var rolloutId = Guid.NewGuid().ToString("N");
        await _gate.WaitAsync(ct);
        try
        {
            await using var c = await database.OpenAsync(ct);
            await using var tx = await database.BeginWriteAsync(c, ct);
            var active = await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM rollouts WHERE municipality_code = @target AND state IN ('running', 'awaiting-approval', 'paused')",
                new { target }, tx);
            if (active > 0)
            {
                await tx.RollbackAsync(ct);
                throw await RefuseAsync(admin, "rollout.create", target, 409, "rollout-active",
                    "This municipality already has an active rollout: complete or abort it first.", ct);
            }
            await c.ExecuteAsync("""
                INSERT INTO rollouts (rollout_id, bundle_id, municipality_code, window_start, window_end, state, released_group, decision, decision_cause,
                    created_by, created_at, updated_at)
                VALUES (@rolloutId, @bundleId, @target, @ws, @we, 'running', 0, 'release', @cause, @user, @now, @now)
                """, new
            {
                rolloutId, bundleId = bundle.BundleId, target, ws = window?.Start.ToString("HH:mm", CultureInfo.InvariantCulture),
                we = window?.End.ToString("HH:mm", CultureInfo.InvariantCulture), cause = "group 1 released by " + admin.Username, user = admin.Username, now,
            }, tx);
            for (var i = 0; i < specs.Count; i++)
            {
                var s = specs[i];
                await c.ExecuteAsync("""
                    INSERT INTO rollout_groups (rollout_id, group_index, percent, stores, success_to_advance, failure_to_pause, failure_to_abort, requires_approval)
                    VALUES (@rolloutId, @i, @percent, @stores, @success, @pause, @abort, @approval)
                    """, new
                {
                    rolloutId, i, percent = s.Percent, stores = s.Stores is null ? null : string.Join(",", s.Stores), success = s.Thresholds.SuccessToAdvance,
                    pause = s.Thresholds.FailureToPause, abort = s.Thresholds.FailureToAbort, approval = s.Thresholds.RequiresApproval ? 1 : 0,
                }, tx);
            }
            var row = await RolloutRowAsync(c, tx, rolloutId);
            await ReleaseGroupAsync(c, tx, row!, await GroupsAsync(c, tx, rolloutId), 0, bundle.Version, now);
            await tx.CommitAsync(ct);
        }
        finally
        {
            _gate.Release();
        }
        await audit.RecordAsync(admin.Username, target, "rollout.create", rolloutId, "ok: " + bundle.Version + ", " + specs.Count + " groups", ct);
        return (await GetAsync(admin, rolloutId, ct))!;
    }

    /// <summary>Admin actions on a rollout: pause, resume, abort, approve (release the next group).</summary>
    public async Task<RolloutView> ActAsync(AdminPrincipal admin, string rolloutId, string action, CancellationToken ct)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        string municipality;
        string outcome;
        await _gate.WaitAsync(ct);
        try
        {
            await using var c = await database.OpenAsync(ct);
            await using var tx = await database.BeginWriteAsync(c, ct);
            var r = await RolloutRowAsync(c, tx, rolloutId);
            if (r is null || !admin.CanSee(r.MunicipalityCode))
            {
                await tx.RollbackAsync(ct);
                throw await RefuseAsync(admin, "rollout." + action, rolloutId, 404, "not-found", "No such rollout in your municipality.", ct);
            }
            municipality = r.MunicipalityCode;
            var groups = await GroupsAsync(c, tx, rolloutId);
            var (allowed, next) = action switch
            {
                "pause" => (r.State is RolloutStates.Running or RolloutStates.AwaitingApproval, RolloutStates.Paused),
                "resume" => (r.State is RolloutStates.Paused, RolloutStates.Running),
                "abort" => (RolloutStates.IsActive(r.State), RolloutStates.Aborted),
                // Also from running: the admin releases the next group early (hawkBit's "trigger next group"), e.g. when a group has no devices.
                "approve" => (r.State is RolloutStates.AwaitingApproval or RolloutStates.Running && r.ReleasedGroup + 1 < groups.Count, RolloutStates.Running),
                _ => throw new FleetProblem(404, "not-found", "No such action."),
            };
            if (!allowed)
            {
                await tx.RollbackAsync(ct);
                throw await RefuseAsync(admin, "rollout." + action, rolloutId, 409, "rollout-state",
                    "The rollout is " + r.State + ": " + action + " is not possible now.", ct, municipality);
            }
            var released = r.ReleasedGroup;
            var cause = action + " by " + admin.Username;
            if (action == "approve")
            {
                released++;
                var bundle = (await bundles.GetAsync(r.BundleId, ct))!;
                await ReleaseGroupAsync(c, tx, r, groups, released, bundle.Version, now);
                cause = "group " + (released + 1) + " released: approved by " + admin.Username;
            }
            await c.ExecuteAsync("""
                UPDATE rollouts SET state = @next, released_group = @released, decision = @action, decision_cause = @cause, updated_at = @now
                WHERE rollout_id = @rolloutId
                """, new { next, released, action, cause, now, rolloutId }, tx);
            await tx.CommitAsync(ct);
            outcome = "ok: " + cause;
        }
        finally
        {
            _gate.Release();
        }
        await audit.RecordAsync(admin.Username, municipality, "rollout." + action, rolloutId, outcome, ct);
        return (await GetAsync(admin, rolloutId, ct))!;
    }

    /// <summary>Rollouts the admin may see, newest first.</summary>
    public async Task<IReadOnlyList<RolloutView>> ListAsync(AdminPrincipal admin, CancellationToken ct)
    {
        await using var c = await database.OpenAsync(ct);
        var ids = await c.QueryAsync<string>("SELECT rollout_id FROM rollouts" + (admin.IsFleetWide ? "" : " WHERE municipality_code = @m")
            + " ORDER BY created_at DESC", new { m = admin.Municipality ?? "" });
        var list = new List<RolloutView>();
        foreach (var id in ids.ToList()) list.Add((await GetAsync(admin, id, ct))!);
        return list;
    }

    /// <summary>A rollout with group progress and per-device results, or null when absent or another municipality's.</summary>
    public async Task<RolloutView?> GetAsync(AdminPrincipal admin, string rolloutId, CancellationToken ct)
    {
        await using var c = await database.OpenAsync(ct);
        var r = await RolloutRowAsync(c, null, rolloutId);
        if (r is null || !admin.CanSee(r.MunicipalityCode)) return null;
        var bundle = (await bundles.GetAsync(r.BundleId, ct))!;
        var groups = await GroupsAsync(c, null, rolloutId);
        var assignments = (await c.QueryAsync<AssignmentRow>("""
            SELECT a.*, d.store_id FROM rollout_assignments a JOIN devices d ON d.device_id = a.device_id
            WHERE a.rollout_id = @rolloutId ORDER BY a.group_index, d.store_id, a.device_id
            """, new { rolloutId })).ToList();
        var groupViews = groups.Select(g =>
        {
            var mine = assignments.Where(a => a.GroupIndex == g.GroupIndex).ToList();
            int succeeded = mine.Count(a => a.State == AssignmentStates.Succeeded), failed = mine.Count(a => a.State == AssignmentStates.Failed);
            return new GroupView(g.GroupIndex, g.Spec().Describe(), g.Spec().Thresholds, g.ReleasedAt is not null, mine.Count, succeeded, failed,
                mine.Count(a => a.State is AssignmentStates.Pending or AssignmentStates.Downloading), mine.Count(a => a.JoinedLate != 0));
        }).ToList();
        return new RolloutView(r.RolloutId, bundle, r.MunicipalityCode, r.State, r.ReleasedGroup, Window(r)?.ToString(), r.Decision, r.DecisionCause,
            r.CreatedBy, DateTimeOffset.FromUnixTimeMilliseconds(r.CreatedAt), groupViews, assignments.Select(a => a.View()).ToList());
    }

    /// <summary>
    /// What a device should do now (<c>GET /v1/updates</c>). A device not yet assigned joins when its store or percentage bucket falls in a released
    /// group; a device of an unreleased group gets nothing and is not recorded; outside the maintenance window nothing is offered.
    /// </summary>
    public async Task<UpdateOffer> OfferAsync(DeviceRecord device, string currentVersion, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await _gate.WaitAsync(ct);
        try
        {
            await using var c = await database.OpenAsync(ct);
            await using var tx = await database.BeginWriteAsync(c, ct);
            var offer = await OfferInAsync(c, tx, device, currentVersion, now);
            await tx.CommitAsync(ct);
            return offer;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<UpdateOffer> OfferInAsync(DbConnection c, DbTransaction tx, DeviceRecord device, string current, DateTimeOffset now)
    {
        var r = await LatestRolloutAsync(c, tx, device.MunicipalityCode);
        if (r is null) return UpdateOffer.None("no-rollout");
        var bundle = (await bundles.GetAsync(r.BundleId, CancellationToken.None))!;
        var a = await AssignmentAsync(c, tx, r.RolloutId, device.DeviceId);
        if (r.State == RolloutStates.Aborted)
        {
            if (a?.PreviousVersion is { } previous && previous != bundle.Version && current == bundle.Version && a.State != AssignmentStates.RolledBack)
            {
                var back = await c.QueryFirstOrDefaultAsync<BundleStore.BundleRow>("""
                    SELECT * FROM rollout_bundles WHERE version = @previous AND (municipality_code IS NULL OR municipality_code = @m)
                    ORDER BY uploaded_at DESC
                    """, new { previous, m = r.MunicipalityCode }, tx);
                // The device keeps its previous bundle in its own slot; the bridge's copy (when it has one) is the fallback.
                return back is null ? new UpdateOffer("rollback", previous, null, null, null, "rollout-aborted", null)
                    : new UpdateOffer("rollback", previous, (int)back.Size, back.Sha256, BundleUrl(back.BundleId), "rollout-aborted", null);
            }
            return UpdateOffer.None("rollout-aborted");
        }
        if (r.State == RolloutStates.Paused) return UpdateOffer.None("rollout-paused");
        var ms = now.ToUnixTimeMilliseconds();
        if (a is null)
        {
            var groups = await GroupsAsync(c, tx, r.RolloutId);
            var group = GroupOf(r.RolloutId, groups, device.DeviceId, device.StoreId);
            if (group is null) return UpdateOffer.None("not-targeted");
            if (group > r.ReleasedGroup) return UpdateOffer.None("group-not-released");
            var already = current == bundle.Version;
            await c.ExecuteAsync("""
                INSERT INTO rollout_assignments (rollout_id, device_id, group_index, previous_version, state, reason, joined_late, assigned_at)
                VALUES (@RolloutId, @deviceId, @group, @previous, @state, @reason, 1, @ms)
                """, new
            {
                r.RolloutId, deviceId = device.DeviceId, group, previous = already ? null : current,
                state = already ? AssignmentStates.Succeeded : AssignmentStates.Pending, reason = already ? "already-on-version" : null, ms,
            }, tx);
            if (already) return UpdateOffer.None("up-to-date");
            a = await AssignmentAsync(c, tx, r.RolloutId, device.DeviceId);
        }
        if (a!.State is not (AssignmentStates.Pending or AssignmentStates.Downloading)) return UpdateOffer.None("done");
        if (current == bundle.Version) return UpdateOffer.None("up-to-date");
        if (Window(r) is { } window)
        {
            var local = TimeOnly.FromTimeSpan(TimeZoneInfo.ConvertTime(now, _zone.Value).TimeOfDay);
            if (!window.Contains(local)) return UpdateOffer.None("outside-maintenance-window", window.SecondsUntilOpen(local));
        }
        await c.ExecuteAsync("""
            UPDATE rollout_assignments SET offered_at = @ms, previous_version = COALESCE(previous_version, @current)
            WHERE rollout_id = @RolloutId AND device_id = @deviceId
            """, new { ms, current, r.RolloutId, deviceId = device.DeviceId }, tx);
        return new UpdateOffer("install", bundle.Version, (int)bundle.Size, bundle.Sha256, BundleUrl(bundle.BundleId), null, null);
    }

    /// <summary>The content file of a bundle this device may fetch (it was offered to it, or it is its way back after an abort); null otherwise.</summary>
    public async Task<(BundleView Bundle, string Path)?> DownloadAsync(DeviceRecord device, string bundleId, CancellationToken ct)
    {
        var bundle = await bundles.GetAsync(bundleId, ct);
        if (bundle is null) return null;
        await using var c = await database.OpenAsync(ct);
        var allowed = await c.ExecuteScalarAsync<long>("""
            SELECT COUNT(*) FROM rollout_assignments a JOIN rollouts r ON r.rollout_id = a.rollout_id
            WHERE a.device_id = @deviceId AND r.municipality_code = @m
              AND ((r.bundle_id = @bundleId AND a.state IN ('pending', 'downloading') AND r.state NOT IN ('aborted', 'paused'))
                   OR (r.state = 'aborted' AND a.previous_version = @version))
            """, new { deviceId = device.DeviceId, m = device.MunicipalityCode, bundleId, version = bundle.Version });
        if (allowed == 0) return null;
        await c.ExecuteAsync("""
            UPDATE rollout_assignments SET state = 'downloading', download_started_at = COALESCE(download_started_at, @now)
            WHERE device_id = @deviceId AND state = 'pending' AND rollout_id IN (SELECT rollout_id FROM rollouts WHERE bundle_id = @bundleId AND state <> 'aborted')
            """, new { now = clock.GetUtcNow().ToUnixTimeMilliseconds(), deviceId = device.DeviceId, bundleId });
        return (bundle, bundles.ContentPath(bundle));
    }

    /// <summary>Records a device's outcome (<c>POST /v1/updates/report</c>) and applies the policy; returns the assignment's state and the decision, if any.</summary>
    public async Task<(string State, string? Decision)> ReportAsync(DeviceRecord device, string version, bool succeeded, string? reason, CancellationToken ct)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        (string Decision, string Cause)? decided = null;
        string state;
        RolloutRow r;
        await _gate.WaitAsync(ct);
        try
        {
            await using var c = await database.OpenAsync(ct);
            await using var tx = await database.BeginWriteAsync(c, ct);
            r = await LatestRolloutAsync(c, tx, device.MunicipalityCode)
                ?? throw new Api.KioskProblemException("not-found", "No rollout for this terminal.");
            var bundle = (await bundles.GetAsync(r.BundleId, ct))!;
            var a = await AssignmentAsync(c, tx, r.RolloutId, device.DeviceId);
            if (a is null) throw new Api.KioskProblemException("not-found", "This terminal has no part in the current rollout.");
            if (r.State == RolloutStates.Aborted && version == a.PreviousVersion)
            {
                state = succeeded ? AssignmentStates.RolledBack : a.State;
                await c.ExecuteAsync("UPDATE rollout_assignments SET state = @state, reason = @why, reported_at = @now WHERE rollout_id = @RolloutId AND device_id = @d",
                    new { state, why = succeeded ? "rolled-back" : "rollback-failed:" + reason, now, r.RolloutId, d = device.DeviceId }, tx);
                await tx.CommitAsync(ct);
                return (state, null);
            }
            if (version != bundle.Version) throw new Api.KioskProblemException("not-found", "This version was not offered to this terminal.");
            if (a.State is AssignmentStates.Succeeded or AssignmentStates.Failed or AssignmentStates.RolledBack)
            {
                // A repeated report (the answer to the first one was lost) changes nothing.
                await tx.CommitAsync(ct);
                return (a.State, null);
            }
            state = succeeded ? AssignmentStates.Succeeded : AssignmentStates.Failed;
            await c.ExecuteAsync("UPDATE rollout_assignments SET state = @state, reason = @reason, reported_at = @now WHERE rollout_id = @RolloutId AND device_id = @d",
                new { state, reason, now, r.RolloutId, d = device.DeviceId }, tx);
            decided = await ApplyPolicyAsync(c, tx, r, a.GroupIndex, bundle.Version, now);
            await tx.CommitAsync(ct);
        }
        finally
        {
            _gate.Release();
        }
        if (decided is { } d) await audit.RecordAsync("rollout-policy", r.MunicipalityCode, "rollout." + d.Decision, r.RolloutId, d.Cause, ct);
        return (state, decided?.Decision);
    }

    private async Task<(string Decision, string Cause)?> ApplyPolicyAsync(DbConnection c, DbTransaction tx, RolloutRow r, int groupIndex, string version, long now)
    {
        var groups = await GroupsAsync(c, tx, r.RolloutId);
        var g = groups[groupIndex];
        var counts = (await c.QueryAsync<(string State, long N)>(
            "SELECT state, COUNT(*) FROM rollout_assignments WHERE rollout_id = @RolloutId AND group_index = @groupIndex GROUP BY state",
            new { r.RolloutId, groupIndex }, tx)).ToDictionary(x => x.State, x => (int)x.N);
        int Count(string s) => counts.TryGetValue(s, out var n) ? n : 0;
        var progress = new GroupProgress(counts.Values.Sum(), Count(AssignmentStates.Succeeded), Count(AssignmentStates.Failed));
        var t = g.Spec().Thresholds;
        var decision = RolloutPolicy.Decide(t, progress);
        var summary = "group " + (groupIndex + 1) + ": " + progress.Succeeded + "/" + progress.Targeted + " succeeded, " + progress.Failed + "/"
            + progress.Targeted + " failed";
        var more = r.ReleasedGroup + 1 < groups.Count;
        var current = groupIndex == r.ReleasedGroup && r.State == RolloutStates.Running;
        string next, name, cause;
        var released = r.ReleasedGroup;
        switch (decision)
        {
            case RolloutDecision.Abort when RolloutStates.IsActive(r.State):
                (next, name, cause) = (RolloutStates.Aborted, "abort", summary + " — failures reached the abort threshold " + Pct(t.FailureToAbort));
                break;
            case RolloutDecision.Pause when r.State is RolloutStates.Running or RolloutStates.AwaitingApproval:
                (next, name, cause) = (RolloutStates.Paused, "pause", progress.Failed / (double)progress.Targeted >= t.FailureToPause
                    ? summary + " — failures reached the pause threshold " + Pct(t.FailureToPause) + "; later groups held back"
                    : summary + " — the success threshold " + Pct(t.SuccessToAdvance) + " can no longer be reached; later groups held back");
                break;
            case RolloutDecision.Advance when current && more:
                released++;
                await ReleaseGroupAsync(c, tx, r, groups, released, version, now);
                (next, name, cause) = (RolloutStates.Running, "advance", summary + " — success threshold " + Pct(t.SuccessToAdvance) + " met; group "
                    + (released + 1) + " released");
                break;
            case RolloutDecision.AwaitApproval when current && more:
                (next, name, cause) = (RolloutStates.AwaitingApproval, "await-approval", summary + " — success threshold " + Pct(t.SuccessToAdvance)
                    + " met; group " + (released + 2) + " waits for approval");
                break;
            case RolloutDecision.Advance or RolloutDecision.AwaitApproval when current:
                (next, name, cause) = (RolloutStates.Completed, "complete", summary + " — success threshold " + Pct(t.SuccessToAdvance) + " met; last group done");
                break;
            default:
                return null;
        }
        await c.ExecuteAsync("""
            UPDATE rollouts SET state = @next, released_group = @released, decision = @name, decision_cause = @cause, updated_at = @now
            WHERE rollout_id = @RolloutId
            """, new { next, released, name, cause, now, r.RolloutId }, tx);
        return (name, cause);
    }

    private static string Pct(double share) => (share * 100).ToString("0.#", CultureInfo.InvariantCulture) + " %";

    private async Task ReleaseGroupAsync(DbConnection c, DbTransaction tx, RolloutRow r, IReadOnlyList<GroupRow> groups, int index, string version, long now)
    {
        await c.ExecuteAsync("UPDATE rollout_groups SET released_at = @now WHERE rollout_id = @RolloutId AND group_index = @index",
            new { now, r.RolloutId, index }, tx);
        var devices = await c.QueryAsync<(string DeviceId, string StoreId, string? AppVersion)>("""
            SELECT d.device_id, d.store_id, h.app_version FROM devices d JOIN stores s ON s.store_id = d.store_id
            LEFT JOIN device_heartbeats h ON h.device_id = d.device_id
            LEFT JOIN device_revocations rv ON rv.cert_serial = d.cert_serial
            WHERE s.municipality_code = @MunicipalityCode AND rv.cert_serial IS NULL
            """, new { r.MunicipalityCode }, tx);
        foreach (var d in devices)
        {
            if (GroupOf(r.RolloutId, groups, d.DeviceId, d.StoreId) != index) continue;
            var already = d.AppVersion == version;
            await c.ExecuteAsync("""
                INSERT INTO rollout_assignments (rollout_id, device_id, group_index, previous_version, state, reason, joined_late, assigned_at)
                VALUES (@RolloutId, @DeviceId, @index, @previous, @state, @reason, 0, @now)
                ON CONFLICT (rollout_id, device_id) DO NOTHING
                """, new
            {
                r.RolloutId, d.DeviceId, index, previous = already ? null : d.AppVersion, state = already ? AssignmentStates.Succeeded : AssignmentStates.Pending,
                reason = already ? "already-on-version" : null, now,
            }, tx);
        }
    }

    /// <summary>The first group (in order) a device falls in: its store is listed, or its stable bucket is inside the cumulative percentage.</summary>
    private static int? GroupOf(string rolloutId, IReadOnlyList<GroupRow> groups, string deviceId, string storeId)
    {
        foreach (var g in groups)
        {
            var spec = g.Spec();
            if (spec.Stores is { } stores && stores.Contains(storeId)) return g.GroupIndex;
            if (spec.Percent is { } p && RolloutPolicy.InPercentage(rolloutId, deviceId, p)) return g.GroupIndex;
        }
        return null;
    }

    private async Task<List<RolloutGroupSpec>> ValidateGroupsAsync(string municipality, IReadOnlyList<GroupRequest>? groups, CancellationToken ct)
    {
        if (groups is null || groups.Count is 0 or > 10) throw new FleetProblem(400, "bad-request", "A rollout has 1 to 10 groups.");
        await using var c = await database.OpenAsync(ct);
        var stores = (await c.QueryAsync<string>("SELECT store_id FROM stores WHERE municipality_code = @municipality", new { municipality })).ToHashSet();
        var specs = new List<RolloutGroupSpec>();
        var lastPercent = 0;
        foreach (var g in groups)
        {
            var n = specs.Count + 1;
            if ((g.Percent is null) == (g.Stores is null || g.Stores.Count == 0))
                throw new FleetProblem(400, "bad-request", "Group " + n + ": give either a percentage or a list of stores.");
            if (g.Percent is { } p)
            {
                if (p is < 1 or > 100 || p <= lastPercent)
                    throw new FleetProblem(400, "bad-request", "Group " + n + ": percentages are cumulative (1–100) and must grow from group to group.");
                lastPercent = p;
            }
            if (g.Stores is { Count: > 0 } list)
            {
                if (list.Count > 200) throw new FleetProblem(400, "bad-request", "Group " + n + ": at most 200 stores.");
                var unknown = list.FirstOrDefault(s => !stores.Contains(s));
                if (unknown is not null) throw new FleetProblem(400, "bad-request", "Group " + n + ": no store " + unknown + " in municipality " + municipality + ".");
            }
            var t = new GroupThresholds(g.SuccessToAdvance, g.FailureToPause, g.FailureToAbort, g.RequiresApproval);
            try
            {
                t.Validate();
            }
            catch (ArgumentOutOfRangeException e)
            {
                throw new FleetProblem(400, "bad-request", "Group " + n + ": " + e.Message.Split(" (Parameter")[0]);
            }
            specs.Add(new RolloutGroupSpec(g.Percent, g.Stores is { Count: > 0 } s ? s.Distinct().ToList() : null, t));
        }
        return specs;
    }

    private async Task<FleetProblem> RefuseAsync(AdminPrincipal admin, string action, string target, int status, string code, string message,
        CancellationToken ct, string? municipality = null)
    {
        await audit.RecordAsync(admin.Username, municipality ?? admin.Municipality, action, target, status == 404 ? "not-found" : status == 403 ? "denied" : "refused: " + code, ct);
        return new FleetProblem(status, code, message);
    }

    private static string BundleUrl(string bundleId) => "/v1/updates/bundles/" + bundleId;

    private static MaintenanceWindow? Window(RolloutRow r) => MaintenanceWindow.Parse(r.WindowStart, r.WindowEnd);

    private async Task<RolloutRow?> RolloutRowAsync(DbConnection c, DbTransaction? tx, string rolloutId)
        => await c.QuerySingleOrDefaultAsync<RolloutRow>("SELECT * FROM rollouts WHERE rollout_id = @rolloutId" + (tx is null ? "" : database.ForUpdate),
            new { rolloutId }, tx);

    private async Task<RolloutRow?> LatestRolloutAsync(DbConnection c, DbTransaction tx, string municipality)
        => await c.QueryFirstOrDefaultAsync<RolloutRow>("SELECT * FROM rollouts WHERE municipality_code = @municipality ORDER BY created_at DESC, rollout_id LIMIT 1"
            + database.ForUpdate, new { municipality }, tx);

    private static async Task<AssignmentRow?> AssignmentAsync(DbConnection c, DbTransaction tx, string rolloutId, string deviceId)
        => await c.QuerySingleOrDefaultAsync<AssignmentRow>("""
            SELECT a.*, d.store_id FROM rollout_assignments a JOIN devices d ON d.device_id = a.device_id WHERE a.rollout_id = @rolloutId AND a.device_id = @deviceId
            """, new { rolloutId, deviceId }, tx);

    private static async Task<IReadOnlyList<GroupRow>> GroupsAsync(DbConnection c, DbTransaction? tx, string rolloutId)
        => (await c.QueryAsync<GroupRow>("SELECT * FROM rollout_groups WHERE rollout_id = @rolloutId ORDER BY group_index", new { rolloutId }, tx)).ToList();

    private sealed class RolloutRow
    {
        public string RolloutId { get; set; } = "";
        public string BundleId { get; set; } = "";
        public string MunicipalityCode { get; set; } = "";
        public string? WindowStart { get; set; }
        public string? WindowEnd { get; set; }
        public string State { get; set; } = "";
        public int ReleasedGroup { get; set; }
        public string? Decision { get; set; }
        public string? DecisionCause { get; set; }
        public string CreatedBy { get; set; } = "";
        public long CreatedAt { get; set; }
        public long UpdatedAt { get; set; }
    }

    private sealed class GroupRow
    {
        public string RolloutId { get; set; } = "";
        public int GroupIndex { get; set; }
        public int? Percent { get; set; }
        public string? Stores { get; set; }
        public double SuccessToAdvance { get; set; }
        public double FailureToPause { get; set; }
        public double FailureToAbort { get; set; }
        public int RequiresApproval { get; set; }
        public long? ReleasedAt { get; set; }

        public RolloutGroupSpec Spec() => new(Percent, Stores?.Split(',', StringSplitOptions.RemoveEmptyEntries),
            new GroupThresholds(SuccessToAdvance, FailureToPause, FailureToAbort, RequiresApproval != 0));
    }

    private sealed class AssignmentRow
    {
        public string RolloutId { get; set; } = "";
        public string DeviceId { get; set; } = "";
        public string StoreId { get; set; } = "";
        public int GroupIndex { get; set; }
        public string? PreviousVersion { get; set; }
        public string State { get; set; } = "";
        public string? Reason { get; set; }
        public int JoinedLate { get; set; }
        public long AssignedAt { get; set; }
        public long? OfferedAt { get; set; }
        public long? DownloadStartedAt { get; set; }
        public long? ReportedAt { get; set; }

        public AssignmentView View() => new(DeviceId, StoreId, GroupIndex, PreviousVersion, State, Reason, JoinedLate != 0,
            DateTimeOffset.FromUnixTimeMilliseconds(AssignedAt), OfferedAt is { } o ? DateTimeOffset.FromUnixTimeMilliseconds(o) : null,
            ReportedAt is { } p ? DateTimeOffset.FromUnixTimeMilliseconds(p) : null);
    }
}
