using Dapper;
using Kiosk.HostBridge.Storage;

namespace Kiosk.HostBridge.Devices;

/// <summary>Stores, devices and device-certificate revocations in the database (the source of truth every instance reads).</summary>
public sealed class DeviceRegistry(IDatabase database, TimeProvider clock)
{
    /// <summary>Creates or renames a store.</summary>
    public async Task UpsertStoreAsync(string storeId, string municipalityCode, string name, CancellationToken ct)
    {
        await using var c = await database.OpenAsync(ct);
        await c.ExecuteAsync("""
            INSERT INTO stores (store_id, municipality_code, name) VALUES (@storeId, @municipalityCode, @name)
            ON CONFLICT (store_id) DO UPDATE SET municipality_code = excluded.municipality_code, name = excluded.name
            """, new { storeId, municipalityCode, name });
    }

    /// <summary>Enrols (or re-keys) a device under a store with the serial of its fleet certificate.</summary>
    public async Task EnrollAsync(string deviceId, string storeId, string certSerialHex, DateTimeOffset notAfter, CancellationToken ct)
    {
        try
        {
            await UpsertDeviceAsync(deviceId, storeId, certSerialHex, notAfter, ct);
        }
        catch (Exception e) when (database.IsUniqueViolation(e))
        {
            // Two instances enrolling the same device at once: PostgreSQL's ON CONFLICT arbitrates only device_id, so the
            // loser trips the cert_serial index instead. The winner's row is committed now; the retry updates it.
            await UpsertDeviceAsync(deviceId, storeId, certSerialHex, notAfter, ct);
        }
    }

    private async Task UpsertDeviceAsync(string deviceId, string storeId, string certSerialHex, DateTimeOffset notAfter, CancellationToken ct)
    {
        await using var c = await database.OpenAsync(ct);
        await c.ExecuteAsync("""
            INSERT INTO devices (device_id, store_id, cert_serial, cert_not_after, enrolled_at)
            VALUES (@deviceId, @storeId, @serial, @notAfter, @now)
            ON CONFLICT (device_id) DO UPDATE SET store_id = excluded.store_id, cert_serial = excluded.cert_serial,
                cert_not_after = excluded.cert_not_after
            """, new
        {
            deviceId, storeId, serial = certSerialHex.ToUpperInvariant(), notAfter = notAfter.ToUnixTimeMilliseconds(),
            now = clock.GetUtcNow().ToUnixTimeMilliseconds(),
        });
    }

    /// <summary>Revokes a device certificate; every instance refuses it at the next trust refresh.</summary>
    public async Task RevokeAsync(string certSerialHex, string reason, CancellationToken ct)
    {
        await using var c = await database.OpenAsync(ct);
        await c.ExecuteAsync("""
            INSERT INTO device_revocations (cert_serial, revoked_at, reason) VALUES (@serial, @now, @reason)
            ON CONFLICT (cert_serial) DO NOTHING
            """, new { serial = certSerialHex.ToUpperInvariant(), now = clock.GetUtcNow().ToUnixTimeMilliseconds(), reason });
    }

    /// <summary>Revokes every certificate of a device (the current one and any superseded one not yet retired) in one write transaction.</summary>
    public async Task RevokeDeviceAsync(string deviceId, string reason, CancellationToken ct)
    {
        await using var c = await database.OpenAsync(ct);
        await using var tx = await database.BeginWriteAsync(c, ct);
        // Locking the device row orders this against a renewal of the same device, so a certificate issued concurrently is revoked too.
        var current = await c.QuerySingleOrDefaultAsync<string>("SELECT cert_serial FROM devices WHERE device_id = @deviceId" + database.ForUpdate,
            new { deviceId }, tx);
        if (current is null) return;
        var previous = await c.QueryAsync<string>("SELECT cert_serial FROM device_previous_certificates WHERE device_id = @deviceId",
            new { deviceId }, tx);
        foreach (var serial in previous.Prepend(current))
        {
            await c.ExecuteAsync("""
                INSERT INTO device_revocations (cert_serial, revoked_at, reason) VALUES (@serial, @now, @reason)
                ON CONFLICT (cert_serial) DO NOTHING
                """, new { serial = serial.ToUpperInvariant(), now = clock.GetUtcNow().ToUnixTimeMilliseconds(), reason }, tx);
        }
        await tx.CommitAsync(ct);
    }

    /// <summary>Reads every enrolled device (one row per live certificate, superseded ones included until retired) and the revoked serials.</summary>
    public async Task<(IReadOnlyList<DeviceRecord> Devices, IReadOnlySet<string> Revoked)> SnapshotAsync(CancellationToken ct)
    {
        await using var c = await database.OpenAsync(ct);
        var rows = await c.QueryAsync<(string DeviceId, string StoreId, string MunicipalityCode, string CertSerial, long NotAfter)>("""
            SELECT d.device_id, d.store_id, s.municipality_code, d.cert_serial, d.cert_not_after
            FROM devices d JOIN stores s ON s.store_id = d.store_id
            UNION ALL
            SELECT d.device_id, d.store_id, s.municipality_code, p.cert_serial, p.cert_not_after
            FROM device_previous_certificates p JOIN devices d ON d.device_id = p.device_id JOIN stores s ON s.store_id = d.store_id
            WHERE p.retired_at IS NULL
            """);
        var revoked = await c.QueryAsync<string>("SELECT cert_serial FROM device_revocations");
        return (rows.Select(r => new DeviceRecord(r.DeviceId, r.StoreId, r.MunicipalityCode, r.CertSerial,
                    DateTimeOffset.FromUnixTimeMilliseconds(r.NotAfter))).ToList(),
                revoked.ToHashSet(StringComparer.OrdinalIgnoreCase));
    }
}
