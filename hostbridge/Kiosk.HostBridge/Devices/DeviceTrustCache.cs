using System.Collections.Frozen;

namespace Kiosk.HostBridge.Devices;

/// <summary>In-process copy of enrolled devices and revocations, refreshed from the database so every instance agrees within one interval.</summary>
public sealed class DeviceTrustCache(DeviceRegistry registry, TimeProvider clock, ILogger<DeviceTrustCache> logger)
{
    private volatile Snapshot _snapshot = new(FrozenDictionary<string, DeviceRecord>.Empty, FrozenSet<string>.Empty, DateTimeOffset.MinValue);
    private readonly SemaphoreSlim _refreshGate = new(1, 1);
    private DateTimeOffset _lastMissRefresh = DateTimeOffset.MinValue;

    private sealed record Snapshot(FrozenDictionary<string, DeviceRecord> BySerial, FrozenSet<string> Revoked, DateTimeOffset LoadedAt);

    /// <summary>When the cache last loaded successfully.</summary>
    public DateTimeOffset LoadedAt => _snapshot.LoadedAt;

    /// <summary>Reloads devices and revocations from the database.</summary>
    public async Task RefreshAsync(CancellationToken ct)
    {
        await _refreshGate.WaitAsync(ct);
        try
        {
            var (devices, revoked) = await registry.SnapshotAsync(ct);
            _snapshot = new Snapshot(
                devices.ToFrozenDictionary(d => d.CertSerial, StringComparer.OrdinalIgnoreCase),
                revoked.ToFrozenSet(StringComparer.OrdinalIgnoreCase),
                clock.GetUtcNow());
        }
        finally
        {
            _refreshGate.Release();
        }
    }

    /// <summary>The device holding this fleet certificate serial, or why it is refused.</summary>
    public DeviceLookup Lookup(string certSerialHex)
    {
        var snapshot = _snapshot;
        if (snapshot.Revoked.Contains(certSerialHex)) return new DeviceLookup(null, "revoked");
        if (!snapshot.BySerial.TryGetValue(certSerialHex, out var device) && clock.GetUtcNow() - _lastMissRefresh > TimeSpan.FromSeconds(1))
        {
            _lastMissRefresh = clock.GetUtcNow();
            // A device enrolled after the last refresh: read once more rather than refuse for a whole interval.
            try
            {
                RefreshAsync(CancellationToken.None).GetAwaiter().GetResult();
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Device trust refresh failed");
            }
            snapshot = _snapshot;
            if (snapshot.Revoked.Contains(certSerialHex)) return new DeviceLookup(null, "revoked");
            snapshot.BySerial.TryGetValue(certSerialHex, out device);
        }
        if (device is null) return new DeviceLookup(null, "not-enrolled");
        return new DeviceLookup(device, null);
    }
}

/// <summary>Result of a device lookup: the device, or a refusal reason.</summary>
public sealed record DeviceLookup(DeviceRecord? Device, string? Refusal);
