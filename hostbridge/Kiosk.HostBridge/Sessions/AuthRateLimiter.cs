using System.Security.Cryptography;
using Kiosk.HostBridge.Privacy;
using Kiosk.HostBridge.Storage;
using Microsoft.Extensions.Options;

namespace Kiosk.HostBridge.Sessions;

/// <summary>
/// Counts authentication attempts per device and per card certificate in fixed windows kept in the database, so every
/// bridge instance behind a load balancer sees the same counts. The certificate is counted by a keyed hash: nothing
/// that identifies the card is stored.
/// </summary>
public sealed class AuthRateLimiter(IDatabase database, SerialHasher hasher, IOptions<BridgeRateLimitSection> options, TimeProvider clock)
{
    private const string CreateTable = """
        CREATE TABLE IF NOT EXISTS auth_attempts (
            scope TEXT NOT NULL,
            window_start BIGINT NOT NULL,
            attempts BIGINT NOT NULL,
            PRIMARY KEY (scope, window_start)
        )
        """;

    private const string Count = """
        INSERT INTO auth_attempts (scope, window_start, attempts) VALUES (@scope, @window, 1)
        ON CONFLICT (scope, window_start) DO UPDATE SET attempts = auth_attempts.attempts + 1
        RETURNING attempts
        """;

    private readonly SemaphoreSlim _created = new(1, 1);
    private volatile bool _ready;

    private AuthRateLimitOptions Limits => options.Value.AuthRateLimit;

    /// <summary>Records one attempt by the device with the certificate; false when either is over its limit for the current window.</summary>
    public async Task<bool> TryAttemptAsync(string deviceId, byte[] certificate, CancellationToken ct)
    {
        await EnsureTableAsync(ct);
        var windowMs = Math.Max(1, (long)Limits.Window.TotalMilliseconds);
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var window = now - now % windowMs;
        var certificateScope = "cert:" + hasher.Hash(Convert.ToHexString(SHA256.HashData(certificate)));
        await using var c = await database.OpenAsync(ct);
        var device = await Dapper.SqlMapper.ExecuteScalarAsync<long>(c, Count, new { scope = "device:" + deviceId, window });
        var card = await Dapper.SqlMapper.ExecuteScalarAsync<long>(c, Count, new { scope = certificateScope, window });
        // Old windows are useless; the sweep is cheap because the primary key orders by scope then window.
        if (now % 50 == 0) await Dapper.SqlMapper.ExecuteAsync(c, "DELETE FROM auth_attempts WHERE window_start < @old", new { old = window - windowMs });
        return device <= Limits.PerDevice && card <= Limits.PerCertificate;
    }

    /// <summary>Attempts counted for <paramref name="scope"/> in the current window, after adding one when <paramref name="record"/> is set.</summary>
    /// <remarks>Shared with the fleet's admin-login throttle so both limits live in one table every instance sees.</remarks>
    public async Task<long> AttemptsAsync(string scope, TimeSpan window, bool record, CancellationToken ct)
    {
        await EnsureTableAsync(ct);
        var windowMs = Math.Max(1, (long)window.TotalMilliseconds);
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var start = now - now % windowMs;
        await using var c = await database.OpenAsync(ct);
        return record
            ? await Dapper.SqlMapper.ExecuteScalarAsync<long>(c, Count, new { scope, window = start })
            : await Dapper.SqlMapper.ExecuteScalarAsync<long?>(c, "SELECT attempts FROM auth_attempts WHERE scope = @scope AND window_start = @window",
                new { scope, window = start }) ?? 0;
    }

    private async Task EnsureTableAsync(CancellationToken ct)
    {
        if (_ready) return;
        await _created.WaitAsync(ct);
        try
        {
            if (_ready) return;
            await using var c = await database.OpenAsync(ct);
            try
            {
                await Dapper.SqlMapper.ExecuteAsync(c, CreateTable);
            }
            catch (Exception e) when (database.IsUniqueViolation(e))
            {
                // Another instance created it at the same moment (PostgreSQL races on IF NOT EXISTS).
            }
            _ready = true;
        }
        finally
        {
            _created.Release();
        }
    }
}

/// <summary>The "Bridge" section as the rate limiter reads it (kept apart from BridgeOptions so the limiter stays in its own files).</summary>
public sealed class BridgeRateLimitSection
{
    /// <summary>Authentication attempt limits.</summary>
    public AuthRateLimitOptions AuthRateLimit { get; set; } = new();
}
