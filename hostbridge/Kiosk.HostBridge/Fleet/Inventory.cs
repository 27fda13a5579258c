using Dapper;
using Kiosk.HostBridge.Storage;
using Microsoft.Extensions.Options;

namespace Kiosk.HostBridge.Fleet;

/// <summary>Stores, devices with their last heartbeat, alerts and certificate expiry, always filtered to what an admin may see.</summary>
public sealed class Inventory(IDatabase database, TimeProvider clock, IOptions<FleetOptions> options)
{
    /// <summary>Stores visible to the admin.</summary>
    public async Task<IReadOnlyList<StoreView>> StoresAsync(AdminPrincipal admin, CancellationToken ct)
    {
        await using var c = await database.OpenAsync(ct);
        var rows = await c.QueryAsync<StoreView>("SELECT store_id AS StoreId, municipality_code AS MunicipalityCode, name AS Name FROM stores"
            + (admin.IsFleetWide ? "" : " WHERE municipality_code = @m") + " ORDER BY store_id", new { m = admin.Municipality ?? "" });
        return rows.ToList();
    }

    /// <summary>The store if the admin may see it.</summary>
    public async Task<StoreView?> StoreAsync(AdminPrincipal admin, string storeId, CancellationToken ct)
    {
        await using var c = await database.OpenAsync(ct);
        var store = await c.QuerySingleOrDefaultAsync<StoreView>("SELECT store_id AS StoreId, municipality_code AS MunicipalityCode, name AS Name FROM stores WHERE store_id = @storeId",
            new { storeId });
        return store is not null && admin.CanSee(store.MunicipalityCode) ? store : null;
    }

    /// <summary>Devices visible to the admin, with inventory and alerts.</summary>
    public async Task<IReadOnlyList<DeviceView>> DevicesAsync(AdminPrincipal admin, CancellationToken ct)
    {
        await using var c = await database.OpenAsync(ct);
        var rows = await c.QueryAsync<DeviceRow>("""
            SELECT d.device_id, d.store_id, s.municipality_code, d.cert_serial, d.cert_not_after, d.enrolled_at,
                   h.received_at, h.firmware_version, h.app_version, h.free_heap, h.reader_state, h.printer_state, h.state,
                   r.revoked_at
            FROM devices d JOIN stores s ON s.store_id = d.store_id
            LEFT JOIN device_heartbeats h ON h.device_id = d.device_id
            LEFT JOIN device_revocations r ON r.cert_serial = d.cert_serial
            """ + (admin.IsFleetWide ? "" : " WHERE s.municipality_code = @m") + " ORDER BY d.store_id, d.device_id", new { m = admin.Municipality ?? "" });
        var now = clock.GetUtcNow();
        return rows.Select(r => ToView(r, now)).ToList();
    }

    private DeviceView ToView(DeviceRow r, DateTimeOffset now)
    {
        var o = options.Value;
        var notAfter = DateTimeOffset.FromUnixTimeMilliseconds(r.CertNotAfter);
        DateTimeOffset? last = r.ReceivedAt is { } at ? DateTimeOffset.FromUnixTimeMilliseconds(at) : null;
        var alerts = new List<string>();
        if (r.RevokedAt is null)
        {
            var since = last ?? DateTimeOffset.FromUnixTimeMilliseconds(r.EnrolledAt);
            if (now - since > o.SilentAfter) alerts.Add("silent");
            foreach (var (name, state) in new[] { ("reader", r.ReaderState), ("printer", r.PrinterState), ("device", r.State) })
            {
                if (state is not null && !o.HealthyStates.Contains(state, StringComparer.OrdinalIgnoreCase)) alerts.Add(name + "-" + state);
            }
            if (r.FreeHeap is { } heap && heap < o.LowHeapBytes) alerts.Add("low-memory");
            if (notAfter - now < TimeSpan.FromDays(o.ExpiryWarningDays)) alerts.Add(notAfter <= now ? "certificate-expired" : "certificate-expiring");
        }
        return new DeviceView(r.DeviceId, r.StoreId, r.MunicipalityCode, r.CertSerial, notAfter, r.RevokedAt is not null, last, r.FirmwareVersion,
            r.AppVersion, r.FreeHeap, r.ReaderState, r.PrinterState, r.State, alerts);
    }

    private sealed class DeviceRow
    {
        public string DeviceId { get; set; } = "";
        public string StoreId { get; set; } = "";
        public string MunicipalityCode { get; set; } = "";
        public string CertSerial { get; set; } = "";
        public long CertNotAfter { get; set; }
        public long EnrolledAt { get; set; }
        public long? ReceivedAt { get; set; }
        public string? FirmwareVersion { get; set; }
        public string? AppVersion { get; set; }
        public long? FreeHeap { get; set; }
        public string? ReaderState { get; set; }
        public string? PrinterState { get; set; }
        public string? State { get; set; }
        public long? RevokedAt { get; set; }
    }
}

/// <summary>A store as the console shows it.</summary>
public sealed record StoreView(string StoreId, string MunicipalityCode, string Name);

/// <summary>A device with its inventory (from the last heartbeat), revocation, certificate expiry and alerts.</summary>
public sealed record DeviceView(string DeviceId, string StoreId, string MunicipalityCode, string CertSerial, DateTimeOffset CertNotAfter, bool Revoked,
    DateTimeOffset? LastHeartbeat, string? FirmwareVersion, string? AppVersion, long? FreeHeap, string? ReaderState, string? PrinterState, string? State,
    IReadOnlyList<string> Alerts);
