using System.Security.Cryptography.X509Certificates;
using Dapper;
using Kiosk.HostBridge.Devices;
using Kiosk.HostBridge.Storage;
using Microsoft.Extensions.Options;

namespace Kiosk.HostBridge.Fleet.Renewal;

/// <summary>
/// Re-certifies a device's existing key (nanoFramework cannot make keys): when the device is inside the renewal window or an admin
/// flagged it, the fleet CA issues a new certificate (new serial, new validity) for the public key of the certificate the device
/// presented in its mTLS handshake. The superseded certificate stays valid until the device first uses the new one or it expires,
/// so a lost answer never locks a terminal out; revoking the device revokes both.
/// </summary>
public sealed class CertificateRenewal(IDatabase database, TimeProvider clock, IOptions<FleetOptions> options, FleetCaSigner signer,
    DeviceTrustCache trust, FleetAudit audit)
{
    /// <summary>The device's current certificate and whether it should renew now; retires superseded certificates once the current one is used.</summary>
    public async Task<RenewalStatus> StatusAsync(DeviceRecord device, X509Certificate2 presented, CancellationToken ct)
    {
        var state = await ReadAsync(device.DeviceId, ct);
        if (string.Equals(presented.SerialNumber, state.Serial, StringComparison.OrdinalIgnoreCase) && state.UnretiredPrevious > 0)
            await RetirePreviousAsync(device, state.Serial, ct);
        return ToStatus(state, renewed: false, certificatePem: null);
    }

    /// <summary>Issues the renewed certificate when due; otherwise answers the status with <c>renewed: false</c> and why.</summary>
    public async Task<RenewalStatus> RenewAsync(DeviceRecord device, X509Certificate2 presented, CancellationToken ct)
    {
        var state = await ReadAsync(device.DeviceId, ct);
        var status = ToStatus(state, false, null);
        if (!status.Due) return status;
        if (!signer.CanIssue) return status with { Reason = "issuer-unavailable" };
        using var issued = signer.Issue(presented.PublicKey, device.DeviceId);
        var newSerial = issued.SerialNumber.ToUpperInvariant();
        var notAfter = new DateTimeOffset(issued.NotAfter.ToUniversalTime());
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        await using (var c = await database.OpenAsync(ct))
        await using (var tx = await database.BeginWriteAsync(c, ct))
        {
            var current = await c.QuerySingleAsync<(string Serial, long NotAfter)>(
                "SELECT cert_serial, cert_not_after FROM devices WHERE device_id = @id" + database.ForUpdate, new { id = device.DeviceId }, tx);
            // Under the device row lock: a revocation that won the race must not be undone by a fresh certificate.
            var revoked = await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM device_revocations WHERE cert_serial IN (@a, @b)",
                new { a = current.Serial.ToUpperInvariant(), b = presented.SerialNumber.ToUpperInvariant() }, tx);
            if (revoked > 0)
            {
                await audit.AppendAsync(c, tx, "device:" + device.DeviceId, device.MunicipalityCode, "certificate.renew", device.DeviceId, "refused: revoked");
                await tx.CommitAsync(ct);
                throw new DeviceRevokedException();
            }
            await c.ExecuteAsync("""
                INSERT INTO device_previous_certificates (cert_serial, device_id, cert_not_after, superseded_by, superseded_at)
                VALUES (@serial, @id, @notAfter, @newSerial, @now)
                """, new { serial = current.Serial, id = device.DeviceId, notAfter = current.NotAfter, newSerial, now }, tx);
            await c.ExecuteAsync("UPDATE devices SET cert_serial = @newSerial, cert_not_after = @na WHERE device_id = @id",
                new { newSerial, na = notAfter.ToUnixTimeMilliseconds(), id = device.DeviceId }, tx);
            await c.ExecuteAsync("DELETE FROM fleet_renewal_flags WHERE device_id = @id", new { id = device.DeviceId }, tx);
            await audit.AppendAsync(c, tx, "device:" + device.DeviceId, device.MunicipalityCode, "certificate.renew", device.DeviceId,
                "ok: " + current.Serial + " -> " + newSerial + " (" + status.Reason + ")");
            await tx.CommitAsync(ct);
        }
        await trust.RefreshAsync(ct);
        return new RenewalStatus(newSerial, notAfter, false, null, true, issued.ExportCertificatePem());
    }

    /// <summary>Flags a device the admin may manage for renewal at its next certificate check, whatever its expiry.</summary>
    public async Task FlagAsync(AdminPrincipal admin, string deviceId, Inventory inventory, CancellationToken ct)
    {
        var device = (await inventory.DevicesAsync(admin, ct)).FirstOrDefault(d => d.DeviceId == deviceId && !d.Revoked);
        if (device is null)
        {
            await audit.RecordAsync(admin.Username, admin.Municipality, "certificate.flag-renewal", deviceId, "not-found", ct);
            throw new FleetProblem(404, "not-found", "No such live device in your municipality.");
        }
        await using var c = await database.OpenAsync(ct);
        await using var tx = await database.BeginWriteAsync(c, ct);
        await c.ExecuteAsync("""
            INSERT INTO fleet_renewal_flags (device_id, flagged_by, flagged_at) VALUES (@deviceId, @by, @at)
            ON CONFLICT (device_id) DO UPDATE SET flagged_by = excluded.flagged_by, flagged_at = excluded.flagged_at
            """, new { deviceId, by = admin.Username, at = clock.GetUtcNow().ToUnixTimeMilliseconds() }, tx);
        await audit.AppendAsync(c, tx, admin.Username, device.MunicipalityCode, "certificate.flag-renewal", deviceId, "ok");
        await tx.CommitAsync(ct);
    }

    /// <summary>Devices flagged for renewal and certificates superseded by a renewal, limited to what the admin may see.</summary>
    public async Task<RenewalOverview> OverviewAsync(AdminPrincipal admin, CancellationToken ct)
    {
        await using var c = await database.OpenAsync(ct);
        var scope = admin.IsFleetWide ? "" : " AND s.municipality_code = @m";
        var flagged = await c.QueryAsync<string>("SELECT f.device_id FROM fleet_renewal_flags f JOIN devices d ON d.device_id = f.device_id "
            + "JOIN stores s ON s.store_id = d.store_id WHERE 1 = 1" + scope, new { m = admin.Municipality ?? "" });
        var renewed = await c.QueryAsync<(string DeviceId, string OldSerial, string NewSerial, long At, long? RetiredAt)>("""
            SELECT p.device_id, p.cert_serial, p.superseded_by, p.superseded_at, p.retired_at
            FROM device_previous_certificates p JOIN devices d ON d.device_id = p.device_id JOIN stores s ON s.store_id = d.store_id
            WHERE 1 = 1
            """ + scope + " ORDER BY p.superseded_at DESC", new { m = admin.Municipality ?? "" });
        return new RenewalOverview(flagged.ToHashSet(StringComparer.Ordinal), renewed.Select(r => new RenewedCertificate(r.DeviceId, r.OldSerial,
            r.NewSerial, DateTimeOffset.FromUnixTimeMilliseconds(r.At), r.RetiredAt is { } ra ? DateTimeOffset.FromUnixTimeMilliseconds(ra) : null)).ToList());
    }

    private async Task RetirePreviousAsync(DeviceRecord device, string currentSerial, CancellationToken ct)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        await using (var c = await database.OpenAsync(ct))
        await using (var tx = await database.BeginWriteAsync(c, ct))
        {
            var retired = await c.QueryAsync<string>(
                "SELECT cert_serial FROM device_previous_certificates WHERE device_id = @id AND retired_at IS NULL" + database.ForUpdate,
                new { id = device.DeviceId }, tx);
            foreach (var serial in retired)
            {
                await c.ExecuteAsync("UPDATE device_previous_certificates SET retired_at = @now WHERE cert_serial = @serial", new { now, serial }, tx);
                await c.ExecuteAsync("""
                    INSERT INTO device_revocations (cert_serial, revoked_at, reason) VALUES (@serial, @now, @reason)
                    ON CONFLICT (cert_serial) DO NOTHING
                    """, new { serial, now, reason = "superseded by " + currentSerial }, tx);
                await audit.AppendAsync(c, tx, "device:" + device.DeviceId, device.MunicipalityCode, "certificate.retire", device.DeviceId,
                    "ok: " + serial + " superseded by " + currentSerial);
            }
            await tx.CommitAsync(ct);
        }
        await trust.RefreshAsync(ct);
    }

    private async Task<DeviceCertificateState> ReadAsync(string deviceId, CancellationToken ct)
    {
        await using var c = await database.OpenAsync(ct);
        var row = await c.QuerySingleAsync<(string Serial, long NotAfter)>("SELECT cert_serial, cert_not_after FROM devices WHERE device_id = @deviceId",
            new { deviceId });
        var flagged = await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM fleet_renewal_flags WHERE device_id = @deviceId", new { deviceId });
        var previous = await c.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM device_previous_certificates WHERE device_id = @deviceId AND retired_at IS NULL", new { deviceId });
        return new DeviceCertificateState(row.Serial, DateTimeOffset.FromUnixTimeMilliseconds(row.NotAfter), flagged > 0, previous);
    }

    private RenewalStatus ToStatus(DeviceCertificateState state, bool renewed, string? certificatePem)
    {
        var expiring = state.NotAfter - clock.GetUtcNow() <= TimeSpan.FromDays(options.Value.RenewWithinDays);
        var reason = state.Flagged ? "flagged" : expiring ? "expiring" : "not-due";
        return new RenewalStatus(state.Serial, state.NotAfter, state.Flagged || expiring, reason, renewed, certificatePem);
    }

    private sealed record DeviceCertificateState(string Serial, DateTimeOffset NotAfter, bool Flagged, long UnretiredPrevious);
}

/// <summary>What <c>GET /v1/certificate</c> and <c>POST /v1/certificate/renew</c> answer.</summary>
/// <param name="Serial">Serial of the device's current certificate (the renewed one after a renewal).</param>
/// <param name="NotAfter">Its expiry.</param>
/// <param name="Due">True when the device should renew now.</param>
/// <param name="Reason">"flagged", "expiring", "not-due" or "issuer-unavailable"; null after a renewal.</param>
/// <param name="Renewed">True when this answer carries a new certificate.</param>
/// <param name="Certificate">The new certificate (PEM) for the device's existing key, when renewed.</param>
public sealed record RenewalStatus(string Serial, DateTimeOffset NotAfter, bool Due, string? Reason, bool Renewed, string? Certificate);

/// <summary>Renewal flags and superseded certificates for the console.</summary>
public sealed record RenewalOverview(IReadOnlySet<string> Flagged, IReadOnlyList<RenewedCertificate> Renewed);

/// <summary>A certificate superseded by a renewal; retired once the device used the new one.</summary>
public sealed record RenewedCertificate(string DeviceId, string OldSerial, string NewSerial, DateTimeOffset RenewedAt, DateTimeOffset? RetiredAt);

/// <summary>The device was revoked while it asked for renewal.</summary>
public sealed class DeviceRevokedException() : Exception("The device is revoked.");
