using Dapper;
using Kiosk.HostBridge.Storage;
using Microsoft.Extensions.Options;

namespace Kiosk.HostBridge.Fleet;

/// <summary>Admin accounts (PBKDF2 hashes) and their login sessions (stored as SHA-256 of the bearer token).</summary>
public sealed class AdminStore(IDatabase database, TimeProvider clock, IOptions<FleetOptions> options)
{
    private static readonly Lazy<string> UnknownUserHash = new(() => PasswordHasher.Hash(PasswordHasher.NewToken()));

    /// <summary>Creates an account unless the name exists; returns true when created.</summary>
    public async Task<bool> CreateIfMissingAsync(string username, string password, string? municipality, CancellationToken ct)
    {
        await using var c = await database.OpenAsync(ct);
        var exists = await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM fleet_admins WHERE username = @username", new { username });
        if (exists > 0) return false;
        await c.ExecuteAsync("""
            INSERT INTO fleet_admins (username, password_hash, municipality_code, created_at) VALUES (@username, @hash, @municipality, @now)
            """, new { username, hash = PasswordHasher.Hash(password), municipality, now = clock.GetUtcNow().ToUnixTimeMilliseconds() });
        return true;
    }

    /// <summary>Checks the password and opens a session; null when the name or password is wrong.</summary>
    public async Task<(string Token, AdminPrincipal Admin)?> LoginAsync(string username, string password, CancellationToken ct)
    {
        await using var c = await database.OpenAsync(ct);
        var row = await c.QuerySingleOrDefaultAsync<(string Hash, string? Municipality)>(
            "SELECT password_hash, municipality_code FROM fleet_admins WHERE username = @username", new { username });
        // One PBKDF2 run for an unknown name too, so timing does not tell which names exist.
        var ok = PasswordHasher.Verify(password, row.Hash ?? UnknownUserHash.Value);
        if (row.Hash is null || !ok) return null;
        var token = PasswordHasher.NewToken();
        await c.ExecuteAsync("INSERT INTO fleet_admin_sessions (token_hash, username, expires_at) VALUES (@h, @username, @exp)", new
        {
            h = PasswordHasher.TokenHash(token), username,
            exp = (clock.GetUtcNow() + options.Value.AdminSessionLifetime).ToUnixTimeMilliseconds(),
        });
        return (token, new AdminPrincipal(username, row.Municipality));
    }

    /// <summary>The admin of a live session token, or null.</summary>
    public async Task<AdminPrincipal?> ResolveAsync(string token, CancellationToken ct)
    {
        await using var c = await database.OpenAsync(ct);
        var row = await c.QuerySingleOrDefaultAsync<(string? Username, string? Municipality)>("""
            SELECT a.username, a.municipality_code FROM fleet_admin_sessions s JOIN fleet_admins a ON a.username = s.username
            WHERE s.token_hash = @h AND s.expires_at > @now
            """, new { h = PasswordHasher.TokenHash(token), now = clock.GetUtcNow().ToUnixTimeMilliseconds() });
        return row.Username is null ? null : new AdminPrincipal(row.Username, row.Municipality);
    }

    /// <summary>Ends a session.</summary>
    public async Task LogoutAsync(string token, CancellationToken ct)
    {
        await using var c = await database.OpenAsync(ct);
        await c.ExecuteAsync("DELETE FROM fleet_admin_sessions WHERE token_hash = @h", new { h = PasswordHasher.TokenHash(token) });
    }
}
