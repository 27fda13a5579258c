using System.Security.Cryptography;
using Dapper;
using Kiosk.HostBridge.Devices;
using Kiosk.HostBridge.Storage;
using Microsoft.Extensions.Options;

namespace Kiosk.HostBridge.Fleet;

/// <summary>One-time enrolment tokens (hashed, expiring, single use) and the enrolment that trades one plus a CSR for a device certificate.</summary>
public sealed class EnrolmentService(IDatabase database, TimeProvider clock, IOptions<FleetOptions> options, FleetCaSigner signer,
    DeviceRegistry registry, DeviceTrustCache trust, FleetAudit audit)
{
    /// <summary>Creates a token for a store; only its SHA-256 is stored, the caller shows the token once.</summary>
    public async Task<(string Token, DateTimeOffset ExpiresAt)> CreateTokenAsync(string storeId, string createdBy, TimeSpan? lifetime,
        CancellationToken ct)
    {
        var token = PasswordHasher.NewToken();
        var now = clock.GetUtcNow();
        var expires = now + (lifetime ?? options.Value.EnrolmentTokenLifetime);
        await using var c = await database.OpenAsync(ct);
        await c.ExecuteAsync("""
            INSERT INTO fleet_enrolment_tokens (token_hash, store_id, created_by, created_at, expires_at) VALUES (@h, @storeId, @createdBy, @now, @exp)
            """, new { h = PasswordHasher.TokenHash(token), storeId, createdBy, now = now.ToUnixTimeMilliseconds(), exp = expires.ToUnixTimeMilliseconds() });
        return (token, expires);
    }

    /// <summary>
    /// Consumes the token and issues the certificate; throws <see cref="FleetProblem"/> with a clear reason otherwise. When the caller names the
    /// store it is installing for, a token of another store is refused and stays unspent (a unit never lands in the wrong store's inventory).
    /// </summary>
    public async Task<EnrolResponse> EnrolAsync(string token, string csrPem, string? expectedStoreId, CancellationToken ct)
    {
        if (!signer.CanIssue) throw new FleetProblem(503, "enrolment-unavailable", "This bridge has no fleet CA key configured (Fleet:CaKeyFile).");
        // The CSR is checked before the token is spent, so a bad CSR does not burn the technician's token.
        var csr = FleetCaSigner.ParseCsr(csrPem, out var reason) ?? throw new FleetProblem(400, "bad-csr", reason!);
        var deviceId = "kiosk-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        string storeId, municipality, createdBy;
        await using (var c = await database.OpenAsync(ct))
        {
            var h = PasswordHasher.TokenHash(token);
            // One atomic UPDATE decides the single use: of two racing enrolments only one changes the row.
            var claimed = await c.ExecuteAsync("""
                UPDATE fleet_enrolment_tokens SET used_at = @now, device_id = @deviceId
                WHERE token_hash = @h AND used_at IS NULL AND expires_at > @now
                """ + (expectedStoreId is null ? "" : " AND store_id = @expectedStoreId"), new { now, deviceId, h, expectedStoreId });
            // One answer for every refusal, so a guessed token learns nothing about which stores exist.
            if (claimed != 1)
                throw new FleetProblem(403, "token-refused", "The enrolment token is unknown, expired, already used or made for another store.");
            (storeId, municipality, createdBy) = await c.QuerySingleAsync<(string, string, string)>("""
                SELECT t.store_id, s.municipality_code, t.created_by FROM fleet_enrolment_tokens t JOIN stores s ON s.store_id = t.store_id
                WHERE t.token_hash = @h
                """, new { h });
        }
        using var certificate = signer.Issue(csr, deviceId);
        await registry.EnrollAsync(deviceId, storeId, certificate.SerialNumber, certificate.NotAfter.ToUniversalTime(), ct);
        await trust.RefreshAsync(ct);
        await audit.RecordAsync("token-of:" + createdBy, municipality, "device.enrol", deviceId + "@" + storeId, "ok", ct);
        return new EnrolResponse(deviceId, storeId, certificate.ExportCertificatePem(), signer.CaBundlePem,
            certificate.NotAfter.ToUniversalTime(), options.Value.KioskUrl);
    }
}

/// <summary>What <c>POST /v1/enroll</c> takes; <c>storeId</c> (optional) is the store the technician installs for and must be the token's.</summary>
public sealed record EnrolRequest(string? Token, string? Csr, string? StoreId = null);

/// <summary>What <c>POST /v1/enroll</c> returns: the device identity, its certificate, the CA bundle and the kiosk URL.</summary>
public sealed record EnrolResponse(string DeviceId, string StoreId, string Certificate, string CaBundle, DateTimeOffset NotAfter, string? KioskUrl);

/// <summary>A fleet request that cannot be served, with HTTP status, a stable code and a message for the user.</summary>
public sealed class FleetProblem(int status, string code, string message) : Exception(message)
{
    /// <summary>HTTP status.</summary>
    public int Status { get; } = status;

    /// <summary>Stable machine-readable code.</summary>
    public string Code { get; } = code;
}
