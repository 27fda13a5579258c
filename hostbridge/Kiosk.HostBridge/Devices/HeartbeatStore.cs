using Dapper;
using Kiosk.HostBridge.Api;
using Kiosk.HostBridge.Storage;

namespace Kiosk.HostBridge.Devices;

/// <summary>Keeps the latest heartbeat of each device (the fleet view reads it); fields are short codes, never free text.</summary>
public sealed class HeartbeatStore(IDatabase database, TimeProvider clock)
{
    /// <summary>Validates and stores a heartbeat.</summary>
    public async Task RecordAsync(DeviceRecord device, HeartbeatRequest h, CancellationToken ct)
    {
        foreach (var code in new[] { h.FirmwareVersion, h.AppVersion, h.ReaderState, h.PrinterState, h.State })
        {
            if (code.Length is 0 or > 64 || !code.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or '+'))
                throw new KioskProblemException("bad-request", "Heartbeat fields are short codes (letters, digits, . - _ +).");
        }
        if (h.FreeHeap < 0 || h.LargestFreeBlock < 0 || h.UptimeSeconds < 0 || h.LargestFreeBlock > h.FreeHeap)
            throw new KioskProblemException("bad-request", "Heartbeat figures out of range.");
        await using var c = await database.OpenAsync(ct);
        await c.ExecuteAsync("""
            INSERT INTO device_heartbeats (device_id, received_at, firmware_version, app_version, free_heap, largest_free_block, reader_state,
                printer_state, uptime_seconds, state)
            VALUES (@deviceId, @now, @FirmwareVersion, @AppVersion, @FreeHeap, @LargestFreeBlock, @ReaderState, @PrinterState, @UptimeSeconds, @State)
            ON CONFLICT (device_id) DO UPDATE SET received_at = excluded.received_at, firmware_version = excluded.firmware_version,
                app_version = excluded.app_version, free_heap = excluded.free_heap, largest_free_block = excluded.largest_free_block,
                reader_state = excluded.reader_state, printer_state = excluded.printer_state, uptime_seconds = excluded.uptime_seconds,
                state = excluded.state
            """, new
        {
            deviceId = device.DeviceId, now = clock.GetUtcNow().ToUnixTimeMilliseconds(), h.FirmwareVersion, h.AppVersion,
            FreeHeap = (long)h.FreeHeap, LargestFreeBlock = (long)h.LargestFreeBlock, h.ReaderState, h.PrinterState,
            UptimeSeconds = (long)h.UptimeSeconds, h.State,
        });
    }

    /// <summary>The latest heartbeat of a device, as stored (diagnostics and tests).</summary>
    public async Task<IDictionary<string, object>?> LatestAsync(string deviceId, CancellationToken ct)
    {
        await using var c = await database.OpenAsync(ct);
        return (IDictionary<string, object>?)await c.QuerySingleOrDefaultAsync("SELECT * FROM device_heartbeats WHERE device_id = @deviceId", new { deviceId });
    }
}
