namespace Kiosk.HostBridge.Sessions;

/// <summary>Limits on card authentication attempts ("Bridge:AuthRateLimit"): a fixed window per device and per card certificate.</summary>
public sealed class AuthRateLimitOptions
{
    /// <summary>Length of one counting window.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Attempts one terminal may make in a window (a busy store sees a few residents a minute, never dozens).</summary>
    public int PerDevice { get; set; } = 60;

    /// <summary>Attempts one card certificate may make in a window, across all terminals (a cloned or stolen card tried everywhere).</summary>
    public int PerCertificate { get; set; } = 20;
}
