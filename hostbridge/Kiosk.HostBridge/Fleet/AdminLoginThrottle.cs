using System.Net;
using System.Security.Cryptography;
using System.Text;
using Kiosk.HostBridge.Sessions;
using Microsoft.Extensions.Options;

namespace Kiosk.HostBridge.Fleet;

/// <summary>Limits of failed admin logins (<c>Fleet:LoginLimit</c>).</summary>
public sealed class AdminLoginLimitOptions
{
    /// <summary>Failed logins per user name in one window before that name is refused until the window ends.</summary>
    public int FailuresPerUser { get; set; } = 10;

    /// <summary>Failed logins from one client address in one window (any names) before that address is refused.</summary>
    public int FailuresPerAddress { get; set; } = 50;

    /// <summary>Length of a counting window.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(15);
}

/// <summary>
/// Stops password guessing on the fleet port: failed logins are counted per user name and per client address in the
/// database (every instance sees them), and a name or address over its limit is refused without checking the password.
/// Only failures count, so an admin who logs in often is never throttled.
/// </summary>
public sealed class AdminLoginThrottle(AuthRateLimiter counter, IOptions<AdminLoginLimitOptions> options)
{
    /// <summary>True when a login for this name from this address may be tried now.</summary>
    public async Task<bool> MayTryAsync(string username, IPAddress? address, CancellationToken ct)
    {
        var limits = options.Value;
        return await counter.AttemptsAsync(UserScope(username), limits.Window, record: false, ct) < limits.FailuresPerUser
            && await counter.AttemptsAsync(AddressScope(address), limits.Window, record: false, ct) < limits.FailuresPerAddress;
    }

    /// <summary>Counts a failed login against the name and the address.</summary>
    public async Task FailedAsync(string username, IPAddress? address, CancellationToken ct)
    {
        var window = options.Value.Window;
        await counter.AttemptsAsync(UserScope(username), window, record: true, ct);
        await counter.AttemptsAsync(AddressScope(address), window, record: true, ct);
    }

    // Hashed so any byte string a caller sends as a name becomes a short, fixed-size key.
    private static string UserScope(string username)
        => "admin-user:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(username.Trim().ToLowerInvariant())))[..32];

    private static string AddressScope(IPAddress? address) => "admin-addr:" + (address?.MapToIPv6().ToString() ?? "unknown");
}
