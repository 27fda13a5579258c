using System.Data.Common;
using Dapper;
using Kiosk.HostBridge.Storage;

namespace Kiosk.HostBridge.Sessions;

/// <summary>Session rows: create (one active per device, enforced by a partial unique index), read, conditional updates.</summary>
public sealed class SessionStore(IDatabase database)
{
    /// <summary>Reads a session.</summary>
    public async Task<SessionRow?> GetAsync(string sessionId, CancellationToken ct)
    {
        await using var c = await database.OpenAsync(ct);
        return await c.QuerySingleOrDefaultAsync<SessionRow>("SELECT * FROM sessions WHERE session_id = @sessionId", new { sessionId });
    }

    /// <summary>Reads and row-locks a session inside a write transaction.</summary>
    public async Task<SessionRow?> LockAsync(DbConnection c, DbTransaction tx, string sessionId)
        => await c.QuerySingleOrDefaultAsync<SessionRow>(
            "SELECT * FROM sessions WHERE session_id = @sessionId" + database.ForUpdate, new { sessionId }, tx);

    /// <summary>Active sessions of a device, row-locked.</summary>
    public async Task<IReadOnlyList<SessionRow>> LockActiveForDeviceAsync(DbConnection c, DbTransaction tx, string deviceId)
        => (await c.QueryAsync<SessionRow>(
            "SELECT * FROM sessions WHERE device_id = @deviceId AND state IN ('open', 'authenticated')" + database.ForUpdate,
            new { deviceId }, tx)).ToList();

    /// <summary>Inserts a new session.</summary>
    public Task InsertAsync(DbConnection c, DbTransaction tx, SessionRow s)
        => c.ExecuteAsync("""
            INSERT INTO sessions (session_id, device_id, store_id, state, challenge, challenge_used, created_at, expires_at, max_expires_at, version)
            VALUES (@SessionId, @DeviceId, @StoreId, @State, @Challenge, 0, @CreatedAt, @ExpiresAt, @MaxExpiresAt, 0)
            """, s, tx);

    /// <summary>Ends a session and wipes its secrets; returns false when it had already ended.</summary>
    public async Task<bool> EndAsync(DbConnection c, DbTransaction tx, string sessionId, string state, string reason)
        => await c.ExecuteAsync("""
            UPDATE sessions SET state = @state, end_reason = @reason, challenge = NULL, sealed_resident = NULL, version = version + 1
            WHERE session_id = @sessionId AND state IN ('open', 'authenticated')
            """, new { sessionId, state, reason }, tx) == 1;

    /// <summary>Marks the challenge used; false when it already was (a replay).</summary>
    public async Task<bool> ConsumeChallengeAsync(string sessionId, CancellationToken ct)
    {
        await using var c = await database.OpenAsync(ct);
        return await c.ExecuteAsync("""
            UPDATE sessions SET challenge_used = 1, version = version + 1
            WHERE session_id = @sessionId AND challenge_used = 0 AND state = 'open'
            """, new { sessionId }) == 1;
    }

    /// <summary>Binds the authenticated card to the session; false when the session changed meanwhile.</summary>
    public async Task<bool> MarkAuthenticatedAsync(DbConnection c, DbTransaction tx, string sessionId, string serialHash, string sealedResident,
        string municipalityCode, string receiptCode)
        => await c.ExecuteAsync("""
            UPDATE sessions SET state = 'authenticated', serial_hash = @serialHash, sealed_resident = @sealedResident,
                municipality_code = @municipalityCode, receipt_code = @receiptCode, challenge = NULL, version = version + 1
            WHERE session_id = @sessionId AND state = 'open'
            """, new { sessionId, serialHash, sealedResident, municipalityCode, receiptCode }, tx) == 1;

    /// <summary>Slides the idle expiry, never past the absolute limit.</summary>
    public async Task TouchAsync(string sessionId, long newExpiry, CancellationToken ct)
    {
        await using var c = await database.OpenAsync(ct);
        await c.ExecuteAsync("""
            UPDATE sessions SET expires_at = CASE WHEN @newExpiry < max_expires_at THEN @newExpiry ELSE max_expires_at END
            WHERE session_id = @sessionId AND state IN ('open', 'authenticated') AND expires_at < @newExpiry
            """, new { sessionId, newExpiry });
    }

    /// <summary>Ids of active sessions whose expiry has passed.</summary>
    public async Task<IReadOnlyList<string>> ExpiredActiveAsync(long now, CancellationToken ct)
    {
        await using var c = await database.OpenAsync(ct);
        return (await c.QueryAsync<string>(
            "SELECT session_id FROM sessions WHERE state IN ('open', 'authenticated') AND expires_at <= @now", new { now })).ToList();
    }
}
